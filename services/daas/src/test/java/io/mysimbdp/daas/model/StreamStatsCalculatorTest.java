package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StreamStatsCalculatorTest {
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void meanIsTotalTimeOverMessagesAndTheRateUsesTheSpanTheReportsCover() {
        // listings: two instances in parallel, 10:00:00-10:02:00; prices: one interval 10:01:00-10:01:30
        StreamTotals listings = new StreamTotals(3, 1200, 10, 120_000, 6.0, T0, T0.plusSeconds(120));
        StreamTotals prices = new StreamTotals(1, 30, 3, 900, 0.3, T0.plusSeconds(60), T0.plusSeconds(90));

        StreamStats s = StreamStatsCalculator.stats(Map.of("prices", prices, "listings", listings));

        assertEquals(new StreamStats.Figures(4, 1230, 13, 120_900, 5.122, 10.25, T0, T0.plusSeconds(120)), s.total());
        assertEquals(List.of("listings", "prices"), s.topics().stream().map(StreamStats.Topic::topic).toList());
        assertEquals(new StreamStats.Figures(3, 1200, 10, 120_000, 5.0, 10.0, T0, T0.plusSeconds(120)), s.topics().get(0).figures());
        assertEquals(new StreamStats.Figures(1, 30, 3, 900, 10.0, 1.0, T0.plusSeconds(60), T0.plusSeconds(90)),
                s.topics().get(1).figures());
    }

    @Test
    void idleReportsGiveZeroMessagesAndNoMeanButARate() {
        StreamStats.Figures f = StreamStatsCalculator.figures(new StreamTotals(2, 0, 0, 0, 0, T0, T0.plusSeconds(60)));

        assertNull(f.meanIngestionTimeMs());
        assertEquals(0.0, f.messagesPerS());
    }

    @Test
    void noReportsGiveZeroesAndNoRates() {
        StreamStats s = StreamStatsCalculator.stats(Map.of());

        assertEquals(new StreamStats.Figures(0, 0, 0, 0, null, null, null, null), s.total());
        assertEquals(List.of(), s.topics());
    }
}
