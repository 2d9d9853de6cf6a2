package io.mysimbdp.monitor.state;

import io.mysimbdp.monitor.model.ReportTopic;
import io.mysimbdp.monitor.model.StreamReport;

/** What became of one received report. */
public sealed interface ReportOutcome {

    /** A valid report of a tenant topic with a stream profile; {@code late} ones count but miss their interval. */
    record Accepted(ReportTopic source, StreamReport report, boolean late) implements ReportOutcome {
    }

    /** A report that breaks the contract (malformed, or claiming another tenant); {@code source} is null when even the topic name is not a report topic's. */
    record Invalid(String kafkaTopic, ReportTopic source, String reason) implements ReportOutcome {
    }

    /** A report of a topic the platform does not monitor (no stream profile, offboarded, undeclared topic); {@code first} for the first since it became so. */
    record Ignored(ReportTopic source, String reason, boolean first) implements ReportOutcome {
    }
}
