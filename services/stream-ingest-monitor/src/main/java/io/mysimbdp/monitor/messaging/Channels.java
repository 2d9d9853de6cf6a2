package io.mysimbdp.monitor.messaging;

/** Reactive Messaging channel names; application.properties configures them, tests reuse them. */
public final class Channels {
    /** Every {@code <tenant>.<topic>.report} topic, by pattern subscription. */
    public static final String REPORTS = "reports";
    /** Alerts, each routed to its {@code <tenant>.<topic>.alert} topic by record metadata. */
    public static final String ALERTS = "alerts";
    /** The monitor's consumer group. */
    public static final String GROUP_ID = "mysimbdp-stream-ingest-monitor";

    private Channels() {
    }
}
