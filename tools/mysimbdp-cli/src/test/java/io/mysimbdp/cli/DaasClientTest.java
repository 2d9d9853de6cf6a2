package io.mysimbdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaasClientTest {
    static final String NL = System.lineSeparator();

    @Test
    void tablesPadColumnsAndRightAlignNumbers() {
        String out = DaasClient.table(List.of("NAME", "FILES", "BYTES", "WHEN"), List.of(
                List.of("alpha", "10", "11.5 KiB", "2025-01-01T11:00:02Z"),
                List.of("beta-long", "-", "0 B", "-")));

        assertEquals(String.join(NL,
                "NAME       FILES     BYTES  WHEN",
                "alpha         10  11.5 KiB  2025-01-01T11:00:02Z",
                "beta-long      -       0 B  -",
                ""), out);
    }

    @Test
    void numbersAreWrittenWithoutNoise() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("4", DaasClient.number(json.readTree("4.0")));
        assertEquals("3.333", DaasClient.number(json.readTree("3.333")));
        assertEquals("1200", DaasClient.number(json.readTree("1.2E3")));
        assertEquals("-", DaasClient.number(json.readTree("null")));
        assertEquals("-", DaasClient.number(null));
    }
}
