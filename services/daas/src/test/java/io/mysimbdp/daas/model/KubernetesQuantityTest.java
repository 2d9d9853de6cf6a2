package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KubernetesQuantityTest {
    @Test
    void cpuInCores() {
        assertEquals(0.5, KubernetesQuantity.cpuCores("500m"));
        assertEquals(2.0, KubernetesQuantity.cpuCores("2"));
        assertEquals(1.5, KubernetesQuantity.cpuCores("1.5"));
        assertEquals(0.1, KubernetesQuantity.cpuCores("100m"));
        assertEquals(0.00025, KubernetesQuantity.cpuCores("250u"));
    }

    @Test
    void memoryInBytes() {
        assertEquals(512L << 20, KubernetesQuantity.memoryBytes("512Mi"));
        assertEquals(384L << 20, KubernetesQuantity.memoryBytes("384Mi"));
        assertEquals(1L << 30, KubernetesQuantity.memoryBytes("1Gi"));
        assertEquals(1_000_000_000L, KubernetesQuantity.memoryBytes("1G"));
        assertEquals(128_000L, KubernetesQuantity.memoryBytes("128k"));
        assertEquals(129_000_000L, KubernetesQuantity.memoryBytes("129e6"));
        assertEquals(1_000_000_000_000_000_000L, KubernetesQuantity.memoryBytes("1E"));
        assertEquals(123L, KubernetesQuantity.memoryBytes("123"));
    }

    @Test
    void notAQuantity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesQuantity.parse("512MB"));
        assertEquals("'512MB' is not a Kubernetes quantity (examples: 500m, 2, 512Mi, 1G)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KubernetesQuantity.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> KubernetesQuantity.parse(""));
    }
}
