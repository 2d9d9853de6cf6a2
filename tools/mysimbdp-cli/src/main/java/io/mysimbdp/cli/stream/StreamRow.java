package io.mysimbdp.cli.stream;

/**
 * One line of {@code mysimbdp streams}: a tenant's topic, as display text ({@code "-"} for what no
 * service said). Instances come from the stream-ingest-manager, the rest from the stream-ingest-monitor.
 */
record StreamRow(String tenant, String topic, String wanted, String running, String reported, String messages,
                 String qps, String lag, String avgIngestionMillis, String failed, String lastAlert) {
    static final String MISSING = "-";

    static final String[] HEADERS = {
            "TENANT", "TOPIC", "WANTED", "RUNNING", "REPORTED", "MESSAGES", "QPS", "LAG", "AVG MS/MSG", "FAILED", "LAST ALERT"};

    String[] cells() {
        return new String[] {tenant, topic, wanted, running, reported, messages, qps, lag, avgIngestionMillis, failed,
                lastAlert};
    }
}
