package io.mysimbdp.monitor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.kubernetes.ProfileSources;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.monitor.messaging.AlertPublisher;
import io.mysimbdp.monitor.metrics.StreamMetrics;
import io.mysimbdp.monitor.model.Alert;
import io.mysimbdp.monitor.model.SinkReport;
import io.mysimbdp.monitor.state.MonitorSettings;
import io.mysimbdp.monitor.state.ReportOutcome;
import io.mysimbdp.monitor.state.StreamMonitor;
import io.mysimbdp.monitor.state.StreamsView;
import io.mysimbdp.monitor.store.ReportRecordWriter;
import io.mysimbdp.common.stream.ReportRecords;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Wires the monitor: the live tenant profiles, the {@link StreamMonitor} state, metrics, logs and
 * alert publishing. Profiles are read in {@link #start()}, before the first report can be taken
 * (the consumer's first call initialises this bean), so no report is ignored for want of them.
 */
@Startup
@ApplicationScoped
public class MonitorService {
    private static final Logger LOG = Logger.getLogger(MonitorService.class);
    /** Every received report is logged under this category, one line each (JSON in production). */
    private static final Logger REPORTS = Logger.getLogger("io.mysimbdp.monitor.reports");
    /** Raw payloads quoted in a warning are cut to this many characters. */
    private static final int MAX_QUOTED_PAYLOAD = 200;

    private final MonitorConfig config;
    private final StreamMetrics metrics;
    private final AlertPublisher publisher;
    private final Clock clock = Clock.systemUTC();
    private ProfileSource profiles;
    /** Resolved only for the kubernetes profile source, so a local run never reaches for a cluster. */
    private final Instance<KubernetesClient> kubernetes;
    private StreamMonitor monitor;
    /** The platform's rows of accepted reports (stream_reports, quality): the apps no longer write them. */
    private ReportRecordWriter reportRows;
    private volatile boolean started;

    public MonitorService(MonitorConfig config, StreamMetrics metrics, AlertPublisher publisher, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.publisher = publisher;
    }

    public Path home() {
        return Path.of(config.home()).toAbsolutePath().normalize();
    }

    public Path tenantsDir() {
        return PlatformPaths.resolve(config.home(), Optional.empty(), config.tenantsDir()).tenantsDir();
    }

    MonitorSettings settings() {
        var m = config.monitor();
        return new MonitorSettings(m.intervalGrace(), m.maxClockSkew(), m.maxSilentIntervals(), m.scaleInAvgIngestionRatio(),
                m.instanceExpiry(), m.recentAlerts(), m.maxReportBytes());
    }

    @PostConstruct
    void start() {
        profiles = ProfileSources.factory(config.profiles(), tenantsDir(), config.monitor().profileRescanInterval(), kubernetes::get,
                "stream-ingest-monitor").open(this::onProfileChanges);
        monitor = new StreamMonitor(profiles::current, settings());
        reportRows = new ReportRecordWriter(config.mongodbUri(), config.monitor().maxPendingReportRows(),
                config.monitor().storeRetryDelay());
        try {
            profiles.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tenant profiles from " + profiles.describe(), e);
        }
        started = true;
        LOG.infof("stream-ingest-monitor watching %s: %d tenant(s) with a profile, %d disabled", profiles.describe(),
                profiles.current().activeProfiles().size(), profiles.current().disabled().size());
    }

    @PreDestroy
    void stop() {
        started = false;
        if (profiles != null) {
            profiles.close();
        }
        if (reportRows != null) {
            reportRows.close();
        }
    }

    public boolean started() {
        return started;
    }

    private void onProfileChanges(List<ProfileChange> changes) {
        changes.forEach(c -> {
            if (c.kind() == ProfileChange.Kind.DISABLED) {
                LOG.error(c.describe());
            } else {
                LOG.info(c.describe());
            }
        });
    }

    /** Takes one record of a report topic: never throws, whatever the record holds. */
    public void receive(String kafkaTopic, String payload) {
        ReportOutcome outcome;
        try {
            outcome = monitor.onReport(kafkaTopic, payload, clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf(e, "report on %s could not be handled", kafkaTopic);
            metrics.invalid(null);
            return;
        }
        if (outcome instanceof ReportOutcome.Accepted a) {
            metrics.report(a.source(), a.report());
            metrics.sinks(a.source(), a.report().instanceId(), SinkReport.parse(payload));
            storeRows(a, payload);
            logReport(a);
        } else if (outcome instanceof ReportOutcome.Invalid i) {
            metrics.invalid(i.source());
            LOG.warnf("invalid report on %s ignored: %s; payload: %s", kafkaTopic, i.reason(), quote(payload));
        } else if (outcome instanceof ReportOutcome.Ignored i) {
            if (i.first()) {
                LOG.warnf("ignoring reports on %s: %s", kafkaTopic, i.reason());
            }
            REPORTS.infof("ignored report on %s: %s", kafkaTopic, quote(payload));
        }
    }

    /** The report's rows of {@code mysimbdp_platform} (queued; written in the background). */
    private void storeRows(ReportOutcome.Accepted a, String payload) {
        try {
            reportRows.store(ReportRecords.of(a.source().tenant(), a.source().topic(), Json.json().readTree(payload)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("report on %s not stored: %s", a.source().reportTopic(), e.getMessage());
        }
    }

    private void logReport(ReportOutcome.Accepted a) {
        MDC.put("tenant", a.source().tenant());
        MDC.put("topic", a.source().topic());
        MDC.put("instance", a.report().instanceId());
        try {
            REPORTS.infof("report %s%s", Json.json().writeValueAsString(a.report()),
                    a.late() ? " (late: its interval is closed; counted, not evaluated)" : "");
        } catch (JsonProcessingException e) {
            LOG.error("cannot log a report", e);
        } finally {
            MDC.remove("tenant");
            MDC.remove("topic");
            MDC.remove("instance");
        }
    }

    /** Closes due intervals, publishes the alerts they raise, and keeps the metrics in step. */
    @Scheduled(every = "${mysimbdp.monitor.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!started) {
            return;
        }
        StreamMonitor.Tick tick = monitor.tick(clock.instant());
        tick.dropped().forEach(t -> {
            LOG.infof("no longer monitoring %s (its tenant's profile no longer declares it)", t);
            metrics.drop(t);
        });
        tick.closed().forEach(metrics::interval);
        tick.silent().forEach(t -> {
            LOG.infof("no instance of %s has reported for %s", t, config.monitor().instanceExpiry());
            metrics.silence(t);
        });
        for (Alert alert : tick.alerts()) {
            metrics.alert(alert);
            try {
                publisher.publish(alert);
            } catch (RuntimeException e) {
                // e.g. the emitter's buffer is full while Kafka is away: this alert is lost, the next ones may pass
                LOG.errorf(e, "cannot publish %s alert %s for %s.%s", alert.type(), alert.alertId(), alert.tenant(), alert.topic());
                metrics.alertUndelivered(alert);
            }
        }
    }

    public StreamsView view() {
        return monitor.view(clock.instant());
    }

    private static String quote(String payload) {
        if (payload == null) {
            return "null";
        }
        String oneLine = payload.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= MAX_QUOTED_PAYLOAD ? oneLine : oneLine.substring(0, MAX_QUOTED_PAYLOAD) + "…";
    }
}
