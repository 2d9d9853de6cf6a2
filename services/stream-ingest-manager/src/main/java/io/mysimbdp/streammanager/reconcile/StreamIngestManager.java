package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.kubernetes.Leadership;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.streammanager.config.StreamSettings;
import io.mysimbdp.streammanager.instances.ScaleOutGuard;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.Alert;
import io.mysimbdp.streammanager.model.BrokerLagScaling;
import io.mysimbdp.streammanager.model.ScalingDecision;
import io.mysimbdp.streammanager.model.ScalingPolicy;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import io.mysimbdp.streammanager.model.TopicKey;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stream path's reconciler. One loop runs a chain of steps — collect ended instances, derive
 * each tenant's plan from its profile, make its topics, drive its instances to the wanted count,
 * publish metrics — each calling the pure decisions in {@code model}. Alerts and operators change
 * wanted counts through {@link #onAlert} and the scale/start/stop operations. One lock guards all state.
 */
public final class StreamIngestManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamIngestManager.class);

    private final StreamSettings settings;
    private final ProfileSource profiles;
    private final TopicSync topics;
    private final TopicWorkloads supervisor;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final Map<TopicKey, TopicInstances> groups = new TreeMap<>();
    private final ProfileGroups profileGroups;
    private final TopicSleep sleep;
    private final ReconcileLoop loop;
    private final DecisionApplier decisions;
    private final LagScaling lagScaling = new LagScaling();
    /** Tenants whose topics exist (last topic sync); instances start only for these. */
    private Set<String> topicsReady = Set.of();
    /** This replica acts (it leads and has adopted what runs); a follower reads profiles and stays passive. */
    private final LeadershipGate gate;
    private volatile boolean opened;

    /** The manager with profiles from the tenants directory of {@code settings}, always acting (no leader election). */
    public StreamIngestManager(StreamSettings settings, TopicWorkloads supervisor, TopicOperator operator,
                               StreamMetrics metrics, Clock clock) {
        this(settings, ProfileSource.Factory.directory(settings.tenantsDir(), settings.profileRescanInterval()), supervisor,
                operator, metrics, clock, Leadership.ALWAYS);
    }

    public StreamIngestManager(StreamSettings settings, ProfileSource.Factory profileSource, TopicWorkloads supervisor,
                               TopicOperator operator, StreamMetrics metrics, Clock clock, Leadership leadership) {
        this.gate = new LeadershipGate(leadership, supervisor);
        this.settings = settings;
        this.profiles = profileSource.open(this::onProfileChanges);
        this.topics = new TopicSync(operator, metrics, settings.topicResyncInterval());
        this.supervisor = supervisor;
        this.profileGroups = new ProfileGroups(settings, supervisor);
        this.sleep = new TopicSleep(operator, metrics, settings.var().resolve("stream-offsets"), supervisor::saveWanted);
        this.loop = new ReconcileLoop(settings.reconcileInterval(), settings.sleeperCheckInterval(), clock, this::step,
                this::anyAsleep, () -> gate.acting() && sleep.sleeperHasLag(this, groups, topicsReady()));
        supervisor.onExit(this::wakeUp);
        this.metrics = metrics;
        this.clock = clock;
        this.decisions = new DecisionApplier(supervisor, metrics, this::wakeUp);
    }

    private synchronized boolean anyAsleep() {
        return groups.values().stream().anyMatch(g -> g.asleepSince() != null);
    }

    private synchronized Set<String> topicsReady() {
        return topicsReady;
    }

    /** Recovers the previous run's instances and reads the profiles, without starting the loop (tests drive {@link #step()}). */
    public void open() throws IOException {
        Files.createDirectories(settings.streams());
        Files.createDirectories(settings.logs());
        synchronized (this) {
            gate.open(groups);
        }
        profiles.start();
        opened = true;
    }

    public void start() throws IOException {
        open();
        loop.start("stream-ingest-manager");
        LOG.infof("stream-ingest-manager following %s (runtime %s, %d tenant(s) active, %d disabled, %d instance(s) adopted)%s",
                profiles.describe(), supervisor.runtimeName(), profiles.current().activeProfiles().size(),
                profiles.current().disabled().size(), groups.values().stream().mapToInt(TopicInstances::running).sum(),
                gate.acting() ? "" : "; not the leader: passive until it is");
    }

    /** True once the profiles were read and the previous run's instances recovered. */
    public boolean opened() {
        return opened;
    }

    public void wakeUp() {
        loop.wakeUp();
    }

    private void onProfileChanges(List<ProfileChange> changes) {
        for (ProfileChange c : changes) {
            if (c.kind() == ProfileChange.Kind.DISABLED) {
                LOG.warnf("%s; its stream instances keep running unchanged until the profile is fixed", c.describe());
            } else {
                LOG.infof("%s", c.describe());
            }
        }
        wakeUp();
    }

    /** True while this replica acts: the leader, or the only replica. */
    public boolean acting() {
        return gate.acting();
    }

    /** One pass of the chain. Public so tests can drive it deterministically. */
    public void step() {
        synchronized (this) {
            if (!gate.follow(groups)) {
                return; // a follower never writes: the leader scales and reconciles
            }
        }
        ProfileSnapshot snapshot = profiles.current();
        Map<String, TenantStreamPlan> plans;
        synchronized (this) {
            supervisor.collectExits(groups);
            plans = profileGroups.sync(snapshot, groups);
        }
        Set<String> ready = topics.sync(plans.values(), clock.instant()); // Kafka I/O outside the lock
        var offsets = sleep.step(this, groups, ready, clock); // broker lag, scale to zero and back
        synchronized (this) {
            topicsReady = ready;
            supervisor.collectExits(groups);
            scaleOnBrokerLag(offsets);
            reconcileInstances(ready);
            publish(snapshot);
        }
    }

    private void reconcileInstances(Set<String> topicsReady) {
        var it = groups.values().iterator();
        while (it.hasNext()) {
            TopicInstances g = it.next();
            // the app must never auto-create its topics with the broker's defaults: topics first
            if (g.removing() || g.plan() == null || topicsReady.contains(g.key().tenant())) {
                supervisor.reconcile(g);
            }
            if (g.gone()) {
                supervisor.forget(g);
                metrics.forget(g.key());
                it.remove();
                LOG.infof("tenant %s topic %s: all instances stopped, state removed", g.key().tenant(), g.key().topic());
            }
        }
    }

    /** Scale-outs the broker's lag calls for (BrokerLagScaling): they hold whether the apps report or not. */
    private void scaleOnBrokerLag(Map<TopicKey, io.mysimbdp.streammanager.model.GroupOffsets> offsets) {
        Instant now = clock.instant();
        lagScaling.observe(groups, offsets, settings.defaultCooldown(), now)
                .forEach((g, d) -> apply(g, ScaleOutGuard.apply(d, supervisor.scaleOutHeld()), "broker-lag", null, now));
    }

    private void publish(ProfileSnapshot snapshot) {
        groups.values().forEach(g -> metrics.instances(g.key(), g.running(), g.effectiveWanted()));
        metrics.tenants("active", snapshot.activeProfiles().size());
        metrics.tenants("disabled", snapshot.disabled().size());
    }

    /** Acts on one alert read from {@code kafkaTopic}; the tenant and topic come from that name only. */
    public void onAlert(String kafkaTopic, String payload, Instant recordTime) {
        var key = TopicKey.ofAlertTopic(kafkaTopic);
        if (key.isEmpty()) {
            LOG.warnf("ignoring a message on %s: not a tenant alert topic (<tenant>.<topic>.alert)", kafkaTopic);
            return;
        }
        Alert alert = Alert.parse(payload, recordTime);
        if (!gate.acting()) {
            // every replica reads every alert; only the leader counts and acts on them
            LOG.debugf("alert %s for tenant %s topic %s not acted on here: this replica is not the leader",
                    alert.alertId(), key.get().tenant(), key.get().topic());
            return;
        }
        metrics.alert(key.get(), alert.rawType() == null ? "unreadable" : alert.rawType().toLowerCase(Locale.ROOT));
        synchronized (this) {
            TopicInstances g = groups.get(key.get());
            if (!opened || g == null || g.removing() || g.plan() == null) {
                LOG.infof("alert %s (%s) for tenant %s topic %s not acted on: no stream instances are managed for it",
                        alert.alertId(), alert.rawType(), key.get().tenant(), key.get().topic());
                return;
            }
            Instant now = clock.instant();
            Duration cooldown = g.plan().cooldown() == null ? settings.defaultCooldown() : g.plan().cooldown();
            ScalingDecision d = ScalingPolicy.onAlert(alert, g.wanted(), g.stopped(), g.plan().bounds(), g.lastScaleAt(),
                    cooldown, settings.alertMaxAge(), now);
            if (d.action() == ScalingDecision.Action.SCALE_OUT) {
                d = ScaleOutGuard.apply(d, supervisor.scaleOutHeld());
            }
            d = BrokerLagScaling.vetoScaleIn(d, g.brokerLag(), g.plan().scaling().scaleInLag());
            apply(g, d, "alert", alert.alertId(), now);
        }
    }

    private void apply(TopicInstances g, ScalingDecision d, String source, String alertId, Instant now) {
        decisions.apply(g, d, source, alertId, now, topicsReady.contains(g.key().tenant()));
    }

    /** Sets a topic's instance count (an operator's decision: no cooldown, within the bounds). */
    public synchronized StreamStatus.TopicView scale(String tenant, String topic, int instances) {
        TopicInstances g = group(tenant, topic);
        var bounds = g.plan().bounds();
        if (!bounds.contains(instances)) {
            throw new StreamOperationException(StreamOperationException.Kind.BAD_REQUEST, "instances must be within "
                    + bounds + " for tenant '" + tenant + "' topic '" + topic + "' (the profile's minInstances "
                    + bounds.min() + ", at least 1, and maxInstances " + bounds.max() + "); got " + instances
                    + ". To run none, POST .../stop");
        }
        Instant now = clock.instant();
        int from = g.effectiveWanted();
        g.scaleTo(instances, now);
        apply(g, new ScalingDecision(ScalingDecision.Action.MANUAL, from, instances,
                "scaled by an operator from " + from + " to " + instances), "api", null, now);
        return StatusViews.topic(g);
    }

    /** Starts a stopped topic again at its initial count; a running topic is left as it is. */
    public synchronized StreamStatus.TopicView startTopic(String tenant, String topic) {
        TopicInstances g = group(tenant, topic);
        if (g.stopped()) {
            Instant now = clock.instant();
            g.start(now);
            apply(g, new ScalingDecision(ScalingDecision.Action.MANUAL, 0, g.wanted(),
                    "started by an operator with " + g.wanted() + " instance(s)"), "api", null, now);
        }
        return StatusViews.topic(g);
    }

    /** Stops all of a topic's instances until it is started again (overrides minInstances). */
    public synchronized StreamStatus.TopicView stopTopic(String tenant, String topic) {
        TopicInstances g = group(tenant, topic);
        if (!g.stopped()) {
            int from = g.effectiveWanted();
            g.stop();
            apply(g, new ScalingDecision(ScalingDecision.Action.MANUAL, from, 0, "stopped by an operator"), "api", null,
                    clock.instant());
        }
        return StatusViews.topic(g);
    }

    private TopicInstances group(String tenant, String topic) {
        if (!gate.acting()) {
            throw new StreamOperationException(StreamOperationException.Kind.NOT_LEADER,
                    "this replica of the stream-ingest-manager is not the leader; retry (the leader acts on it)");
        }
        TopicInstances g = groups.get(new TopicKey(tenant, topic));
        if (g == null || g.removing() || g.plan() == null) {
            throw new StreamOperationException(StreamOperationException.Kind.NOT_FOUND,
                    "no stream topic '" + topic + "' for tenant '" + tenant + "'");
        }
        return g;
    }

    public synchronized StreamStatus status() {
        return StatusViews.status(clock.instant(), supervisor.runtimeName(), gate.acting(), profiles.current(), groups);
    }

    /** Stops the loop and every instance (graceful shutdown: nothing is left behind). */
    @Override
    public void close() throws InterruptedException {
        opened = false;
        gate.stop();
        profiles.close();
        loop.stop();
        List<TopicInstances> all;
        synchronized (this) {
            all = List.copyOf(groups.values());
        }
        supervisor.stopAll(all);
    }
}
