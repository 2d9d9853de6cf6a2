package io.mysimbdp.daas.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Kubernetes resource quantities as the profile declares them: {@code 500m} CPU = 0.5 cores,
 * {@code 2} = 2 cores; {@code 512Mi} memory = 512 × 2^20 bytes, {@code 1G} = 10^9 bytes, {@code 129e6}.
 */
public final class KubernetesQuantity {
    private static final Pattern QUANTITY = Pattern.compile("\\s*([+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))([eE][+-]?\\d+|[numkKMGTPE]|[KMGTPE]i)?\\s*");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            // not Kubernetes, but the profile validator lets it through: read it as kilo rather than fail
            Map.entry("K", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private KubernetesQuantity() {
    }

    /** The quantity's value in base units (cores, bytes); IllegalArgumentException when it is not a quantity. */
    public static BigDecimal parse(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes quantity (examples: 500m, 2, 512Mi, 1G)");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        if (suffix.startsWith("e") || suffix.startsWith("E") && suffix.length() > 1) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }

    /** CPU in cores: {@code 500m} → 0.5. */
    public static double cpuCores(String text) {
        return parse(text).doubleValue();
    }

    /** Memory in bytes: {@code 512Mi} → 536870912. */
    public static long memoryBytes(String text) {
        return parse(text).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
