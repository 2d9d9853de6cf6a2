package io.mysimbdp.apps.stream.report;

import io.mysimbdp.common.stream.ReportRecords;
import io.mysimbdp.common.stream.StreamReportLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportWindowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant NOW = Instant.parse("2026-11-24T08:55:07.120456Z");

    @Test
    void figuresOfOneInterval() {
        ReportWindow window = new ReportWindow("tenant1", "listings", "stream-tenant1-listings-0", 5L, 0);
        window.record(2000, 3, 400_000);
        window.busy(SECOND / 10);      // 0.1 s for 2000 messages
        window.record(1000, 0, 200_000);
        window.busy(SECOND / 20);      // 0.05 s for 1000

        StreamReport report = window.close(NOW, 5 * SECOND, 1234, 2);

        assertEquals("tenant1", report.tenantName());
        assertEquals("listings", report.topic());
        assertEquals("stream-tenant1-listings-0", report.instanceId());
        assertEquals("2026-11-24T08:55:07.120Z", report.timestamp());
        assertEquals(5L, report.predefinedTime());
        assertEquals("streaming", report.ingestionType());
        assertEquals(3000, report.messages());
        assertEquals(3, report.failedMessages());
        assertEquals(0.15, report.ingestionTime(), 1e-9);
        assertEquals(0.15 / 3000, report.avgIngestionTime(), 1e-12);   // processing time / messages
        assertEquals(600_000, report.dataSize());
        assertEquals(120_000, report.ingestionRate(), 1e-6);             // bytes / 5 s
        assertEquals(600, report.qps(), 1e-9);                           // messages / 5 s
        assertEquals(1234, report.consumerLag());
        assertEquals(2, report.assignedPartitions());
        assertEquals(3000, report.totalMessages());
        assertEquals(600_000, report.totalDataSize());
    }

    @Test
    void theStoredIntervalHasTheReportsFiguresFromItsRealStartToTheReport() {
        ReportWindow window = new ReportWindow("tenant1", "listings", "inst-1", 5L, 2 * SECOND);
        window.record(100, 4, 9_000);
        window.busy(SECOND / 4);

        StreamReport report = window.close(NOW, 8 * SECOND, 0, 1);   // 6 s after the window opened
        StreamReportLog.Interval interval = ReportRecords.of("tenant1", "listings",
                io.mysimbdp.common.json.Json.json().valueToTree(report)).interval();

        assertEquals("2026-11-24T08:55:01.120Z", report.intervalStart());
        assertEquals(new StreamReportLog.Interval("tenant1", "listings", "inst-1", Instant.parse("2026-11-24T08:55:01.120Z"),
                Instant.parse("2026-11-24T08:55:07.120Z"), 100, 4, 9_000, 0.25), interval);
        assertEquals("tenant1.listings/inst-1@2026-11-24T08:55:07.120Z", interval.id());
    }

    @Test
    void averageIsBusyTimeOverMessagesNotAnAverageOfBatchAverages() {
        ReportWindow window = new ReportWindow("t", "x", "i", 1L, 0);
        window.record(1, 0, 10);
        window.busy(SECOND);          // one slow message: 1 s
        window.record(999, 0, 9990);
        window.busy(SECOND);      // 999 messages in 1 s

        StreamReport report = window.close(NOW, SECOND, 0, 1);

        assertEquals(2.0 / 1000, report.avgIngestionTime(), 1e-12);   // not (1 + 1/999) / 2
    }

    @Test
    void intervalFiguresResetAndTotalsAccumulate() {
        ReportWindow window = new ReportWindow("t", "x", "i", 2L, 0);
        window.record(10, 1, 100);
        window.busy(SECOND / 100);
        window.close(NOW, 2 * SECOND, 0, 1);
        window.record(5, 2, 50);
        window.busy(SECOND / 100);

        StreamReport second = window.close(NOW.plusSeconds(2), 4 * SECOND, 0, 1);

        assertEquals(5, second.messages());
        assertEquals(2, second.failedMessages());
        assertEquals(50, second.dataSize());
        assertEquals(15, second.totalMessages());
        assertEquals(3, second.totalFailedMessages());
        assertEquals(150, second.totalDataSize());
        assertEquals(2.5, second.qps(), 1e-9);   // 5 messages over the 2 s since the first report
    }

    @Test
    void idleIntervalHasZeroRatesAndAverage() {
        ReportWindow window = new ReportWindow("t", "x", "i", 0.5, 0);

        StreamReport report = window.close(NOW, SECOND / 2, 42, 4);

        assertEquals(0, report.messages());
        assertEquals(0.0, report.avgIngestionTime());
        assertEquals(0.0, report.qps());
        assertEquals(0.0, report.ingestionRate());
        assertEquals(0.5, report.predefinedTime());
        assertEquals(42, report.consumerLag());
    }

    @Test
    void ratesUseTheRealIntervalWhenAReportIsLate() {
        ReportWindow window = new ReportWindow("t", "x", "i", 5L, 0);
        window.record(1000, 0, 1000);
        window.busy(SECOND);

        StreamReport late = window.close(NOW, 8 * SECOND, 0, 1);   // due after 5 s, made after 8 s

        assertEquals(125, late.qps(), 1e-9);
    }

    @Test
    void aNegativeLagIsReportedAsNone() {
        assertEquals(0, new ReportWindow("t", "x", "i", 1L, 0).close(NOW, SECOND, -3, 1).consumerLag());
    }

    @Test
    void impossibleBatchesAreRefused() {
        ReportWindow window = new ReportWindow("t", "x", "i", 1L, 0);
        assertThrows(IllegalArgumentException.class, () -> window.record(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> window.record(1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> window.busy(-1));
    }
}
