package io.mysimbdp.cli.stream;

import java.util.List;

/**
 * One line of {@code mysimbdp streams}: a tenant's topic, as display text ({@code "-"} for what no
 * service said). Instances come from the stream-ingest-manager, the rest from the stream-ingest-monitor.
 *
 * @param storeNotes one line per instance whose last report says the store does not take its writes
 *                   ({@code "inst-1: store unreachable since … (2m ago)"}), printed under the table
 */
record StreamRow(String tenant, String topic, String wanted, String running, String reported, String messages,
                 String qps, String lag, String avgIngestionMillis, String failed, String lastAlert, List<String> storeNotes) {
    static final String MISSING = "-";

    StreamRow {
        storeNotes = List.copyOf(storeNotes);
    }

    /** A row without store notes. */
    StreamRow(String tenant, String topic, String wanted, String running, String reported, String messages,
              String qps, String lag, String avgIngestionMillis, String failed, String lastAlert) {
        this(tenant, topic, wanted, running, reported, messages, qps, lag, avgIngestionMillis, failed, lastAlert, List.of());
    }

    static final String[] HEADERS = {
            "TENANT", "TOPIC", "WANTED", "RUNNING", "REPORTED", "MESSAGES", "QPS", "LAG", "AVG MS/MSG", "FAILED", "LAST ALERT"};

    String[] cells() {
        return new String[] {tenant, topic, wanted, running, reported, messages, qps, lag, avgIngestionMillis, failed,
                lastAlert};
    }
}
