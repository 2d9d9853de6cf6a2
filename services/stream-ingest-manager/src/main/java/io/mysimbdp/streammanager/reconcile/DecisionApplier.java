package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.streammanager.instances.DecisionRecord;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.ScalingDecision;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Records a scaling decision (log, metric, API) and, when it changes the count, applies it at once. */
final class DecisionApplier {
    private static final Logger LOG = Logger.getLogger(StreamIngestManager.class); // the manager's log category, as before

    private final TopicWorkloads supervisor;
    private final StreamMetrics metrics;
    private final Runnable wakeLoop;

    DecisionApplier(TopicWorkloads supervisor, StreamMetrics metrics, Runnable wakeLoop) {
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.wakeLoop = wakeLoop;
    }

    /** Call under the manager's lock; {@code topicsReady}: the tenant's topics exist, so instances may start now. */
    void apply(TopicInstances g, ScalingDecision d, String source, String alertId, Instant now, boolean topicsReady) {
        g.remember(DecisionRecord.of(now, source, alertId, d));
        metrics.decision(g.key(), d.action());
        String line = String.format("tenant %s topic %s: %s (%s%s)", g.key().tenant(), g.key().topic(), d.reason(), source,
                alertId == null ? "" : " " + alertId);
        if (d.action() == ScalingDecision.Action.RECORDED) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        if (d.action() == ScalingDecision.Action.SCALE_OUT || d.action() == ScalingDecision.Action.SCALE_IN) {
            g.scaleTo(d.to(), now);
        } else if (d.action() != ScalingDecision.Action.MANUAL) {
            return; // recorded or ignored: nothing changes
        }
        supervisor.saveWanted(g);
        if (topicsReady) {
            supervisor.reconcile(g); // at once; otherwise the loop does it once the topics exist
        }
        metrics.instances(g.key(), g.running(), g.effectiveWanted());
        wakeLoop.run();
    }
}
