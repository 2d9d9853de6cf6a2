package io.mysimbdp.monitor.state;

import java.time.Duration;

/**
 * The monitor's own knobs (the thresholds are the tenants', in their profiles).
 *
 * @param intervalGrace         an interval closes this long after its end; later reports are too late for it
 * @param maxClockSkew          reports stamped further than this in the future are refused
 * @param maxSilentIntervals    more intervals in a row without any report than this restart the window
 * @param scaleInAvgRatio       scale-in on processing time needs the average at most this fraction of the scale-out threshold
 * @param instanceExpiry        instances not heard from this long leave the view
 * @param recentAlerts          alerts kept per topic for the view
 * @param maxReportBytes        larger report payloads are refused unread
 */
public record MonitorSettings(Duration intervalGrace, Duration maxClockSkew, int maxSilentIntervals, double scaleInAvgRatio,
                              Duration instanceExpiry, int recentAlerts, int maxReportBytes) {
}
