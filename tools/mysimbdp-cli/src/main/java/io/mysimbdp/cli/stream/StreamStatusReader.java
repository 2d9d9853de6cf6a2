package io.mysimbdp.cli.stream;

import static io.mysimbdp.cli.stream.LenientJson.age;
import static io.mysimbdp.cli.stream.LenientJson.decimal;
import static io.mysimbdp.cli.stream.LenientJson.findInGroups;
import static io.mysimbdp.cli.stream.LenientJson.firstGroup;
import static io.mysimbdp.cli.stream.LenientJson.instant;
import static io.mysimbdp.cli.stream.LenientJson.integer;
import static io.mysimbdp.cli.stream.LenientJson.own;
import static io.mysimbdp.cli.stream.LenientJson.shown;
import static io.mysimbdp.cli.stream.LenientJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what the stream-ingest-manager and the stream-ingest-monitor say about streams ({@code GET /api/streams})
 * into table rows. Both answers are read defensively, because their shapes are not fixed: a stream is any JSON
 * object that names a topic (and a tenant, itself or through an enclosing {@code tenants} entry, or as the topic's
 * prefix), wherever it sits; field names match in camelCase or snake_case and under a few synonyms; what is not
 * found shows as {@code "-"}. Pure: the caller fetches the JSON and passes the current time.
 */
final class StreamStatusReader {


    private static final String[] WANTED = {"wanted", "wantedInstances", "desired", "desiredInstances", "desiredReplicas",
            "target", "targetInstances", "replicas"};
    private static final String[] RUNNING = {"running", "runningInstances", "current", "currentInstances",
            "readyReplicas", "ready", "alive"};
    private static final String[] MIN = {"min", "minInstances"};
    private static final String[] MAX = {"max", "maxInstances"};
    private static final String[] INSTANCES = {"instances"};
    private static final String[] STATE = {"state", "status", "phase"};
    private static final Set<String> RUNNING_STATES = Set.of("running", "ready", "up", "started", "alive", "healthy");
    private static final String[] MANAGER_GROUPS = {"instances", "status", "scaling", "deployment", "workload", "spec"};

    private static final String[] REPORT_GROUPS = {"lastInterval", "lastReport", "latestReport", "report",
            "lastAggregate", "aggregate", "aggregated", "aggregatedReport", "summary", "latest", "current",
            "windowSummary"};
    private static final String[] ALERT = {"lastAlert", "latestAlert", "alert"};
    private static final String[] ALERTS = {"alerts"};
    private static final String[] MESSAGES = {"messages", "totalMessages"};
    private static final String[] QPS = {"qps", "messagesPerSecond", "rate"};
    private static final String[] LAG = {"consumerLag", "lag", "totalLag"};
    private static final String[] AVG_SECONDS = {"avgIngestionTime", "avgIngestionTimeSeconds", "averageIngestionTime"};
    private static final String[] AVG_MILLIS = {"avgIngestionTimeMs", "avgIngestionMs", "avgIngestionTimeMillis"};
    private static final String[] FAILED = {"failedMessages", "failed", "errors", "dlqMessages"};
    private static final String[] TIMESTAMP = {"timestamp", "time", "at", "reportedAt", "lastReportAt", "receivedAt",
            "end"};
    private static final String[] STOPPED = {"stopped"};
    private static final String[] ASLEEP_SINCE = {"asleepSince"};
    /** The manager's lag, from the broker's offsets (the apps' reports say theirs under LAG). */
    private static final String[] BROKER_LAG = {"lag"};
    private static final String[] ALERT_TYPE = {"type", "kind", "alertType"};
    private static final String[] STORE_UNREACHABLE = {"storeUnreachableSince"};
    private static final String[] INSTANCE_ID = {"instanceId", "instance", "id", "name"};

    private StreamStatusReader() {
    }

    /**
     * @param manager the manager's answer, or null when it could not be had
     * @param monitor the monitor's answer, or null
     * @param tenant  only this tenant's streams, or null for all
     */
    static List<StreamRow> rows(JsonNode manager, JsonNode monitor, String tenant, Instant now) {
        Map<String, StreamLocator.Found> managed = StreamLocator.streams(manager);
        Map<String, StreamLocator.Found> monitored = StreamLocator.streams(monitor);
        Set<String> keys = new TreeSet<>(Comparator.naturalOrder());
        keys.addAll(managed.keySet());
        keys.addAll(monitored.keySet());
        List<StreamRow> rows = new ArrayList<>();
        for (String key : keys) {
            StreamLocator.Found any = managed.containsKey(key) ? managed.get(key) : monitored.get(key);
            if (tenant != null && !tenant.equals(any.tenant())) {
                continue;
            }
            rows.add(row(any.tenant(), any.topic(), node(managed.get(key)), node(monitored.get(key)), now));
        }
        return rows;
    }

    private static JsonNode node(StreamLocator.Found entry) {
        return entry == null ? null : entry.node();
    }

    private static StreamRow row(String tenant, String topic, JsonNode manager, JsonNode monitor, Instant now) {
        JsonNode report = monitor == null ? null : firstGroup(monitor, REPORT_GROUPS);
        if (report == null) {
            report = monitor;
        }
        return new StreamRow(
                tenant,
                topic,
                wanted(manager, now),
                running(manager),
                age(own(report, TIMESTAMP), now),
                integer(own(report, MESSAGES)),
                decimal(own(report, QPS)),
                lag(manager, report),
                avgMillis(report),
                integer(own(report, FAILED)),
                lastAlert(monitor, now),
                storeNotes(monitor, now));
    }

    /** The monitor's instances whose last report says the store does not take their writes, and since when. */
    static List<String> storeNotes(JsonNode monitor, Instant now) {
        List<String> notes = new ArrayList<>();
        JsonNode instances = monitor == null ? null : own(monitor, INSTANCES);
        if (instances == null || !instances.isArray()) {
            return notes;
        }
        for (JsonNode instance : instances) {
            JsonNode since = own(instance, STORE_UNREACHABLE);
            if (since == null || since.isNull()) {
                JsonNode report = firstGroup(instance, REPORT_GROUPS);
                since = report == null ? null : own(report, STORE_UNREACHABLE);
            }
            if (since != null && !since.isNull()) {
                JsonNode id = own(instance, INSTANCE_ID);
                notes.add((id == null ? "an instance" : shown(id)) + ": store unreachable since " + shown(since)
                        + " (" + age(since, now) + ")");
            }
        }
        return notes;
    }

    // ---- the manager's instances

    /** The broker's view when the manager gives it (right also when no instance reports), else the apps' latest report. */
    private static String lag(JsonNode manager, JsonNode report) {
        JsonNode broker = own(manager, BROKER_LAG);
        return broker != null && broker.isNumber() ? integer(broker) : integer(own(report, LAG));
    }

    private static String wanted(JsonNode manager, Instant now) {
        JsonNode stopped = own(manager, STOPPED);
        if (stopped != null && stopped.asBoolean(false)) {
            return "stopped";
        }
        JsonNode asleep = own(manager, ASLEEP_SINCE);
        if (asleep != null && !asleep.isNull()) {
            return "asleep since " + shown(asleep) + " (" + age(asleep, now) + ")";
        }
        String wanted = integer(findInGroups(manager, WANTED, MANAGER_GROUPS));
        JsonNode min = findInGroups(manager, MIN, MANAGER_GROUPS);
        JsonNode max = findInGroups(manager, MAX, MANAGER_GROUPS);
        if (min != null && max != null && min.isNumber() && max.isNumber()) {
            return wanted + " [" + min.asLong() + "-" + max.asLong() + "]";
        }
        return wanted;
    }

    private static String running(JsonNode manager) {
        JsonNode running = findInGroups(manager, RUNNING, MANAGER_GROUPS);
        if (running != null && !running.isArray()) {
            return integer(running);
        }
        JsonNode instances = running != null ? running : own(manager, INSTANCES);
        if (instances == null) {
            return StreamRow.MISSING;
        }
        if (instances.isArray()) {
            long count = 0;
            for (JsonNode instance : instances) {
                String state = text(own(instance, STATE));
                if (state == null || RUNNING_STATES.contains(state.toLowerCase(Locale.ROOT))) {
                    count++;
                }
            }
            return Long.toString(count);
        }
        return instances.isNumber() ? integer(instances) : StreamRow.MISSING;
    }

    // ---- the monitor's report and alert

    private static String avgMillis(JsonNode report) {
        JsonNode millis = own(report, AVG_MILLIS);
        if (millis != null && millis.isNumber()) {
            return String.format(Locale.ROOT, "%.3f", millis.asDouble());
        }
        JsonNode seconds = own(report, AVG_SECONDS);
        if (seconds != null && seconds.isNumber()) {
            return String.format(Locale.ROOT, "%.3f", seconds.asDouble() * LenientJson.MILLIS_PER_SECOND);
        }
        return shown(seconds != null ? seconds : millis);
    }

    private static String lastAlert(JsonNode monitor, Instant now) {
        if (monitor == null) {
            return StreamRow.MISSING;
        }
        JsonNode alert = firstGroup(monitor, ALERT);
        if (alert == null) {
            alert = latest(own(monitor, ALERTS));
        }
        if (alert == null) {
            JsonNode text = own(monitor, ALERT);
            return text == null || text.isNull() ? StreamRow.MISSING : shown(text);
        }
        String type = text(own(alert, ALERT_TYPE));
        String age = age(own(alert, TIMESTAMP), now);
        if (type == null) {
            return StreamRow.MISSING.equals(age) ? StreamRow.MISSING : "? " + age;
        }
        return StreamRow.MISSING.equals(age) ? type : type + " " + age;
    }

    /** The alert with the latest timestamp; the last one when they have none. */
    private static JsonNode latest(JsonNode alerts) {
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            return null;
        }
        JsonNode latest = alerts.get(alerts.size() - 1);
        Instant latestAt = instant(own(latest, TIMESTAMP));
        for (JsonNode alert : alerts) {
            Instant at = instant(own(alert, TIMESTAMP));
            if (at != null && (latestAt == null || at.isAfter(latestAt))) {
                latest = alert;
                latestAt = at;
            }
        }
        return latest;
    }
}
