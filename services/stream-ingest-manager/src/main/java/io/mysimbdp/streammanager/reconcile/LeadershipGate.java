package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.common.kubernetes.Leadership;
import io.mysimbdp.streammanager.instances.TopicInstances;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.model.TopicKey;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;

/**
 * Whether this replica acts: it leads (or is the only replica) and has adopted what runs. A
 * replica that just became the leader first adopts the previous leader's workloads with their
 * wanted counts; one that lost the lead stops acting at once. Called under the manager's lock.
 */
final class LeadershipGate {
    private static final Logger LOG = Logger.getLogger(LeadershipGate.class);

    private final Leadership leadership;
    private final TopicWorkloads workloads;
    private volatile boolean acting;

    LeadershipGate(Leadership leadership, TopicWorkloads workloads) {
        this.leadership = leadership;
        this.workloads = workloads;
    }

    boolean acting() {
        return acting;
    }

    /** On start-up: a leader (always, without election) adopts at once, as the manager always did. */
    void open(Map<TopicKey, TopicInstances> groups) throws IOException {
        if (leadership.isLeader()) {
            groups.putAll(workloads.recover());
            acting = true;
        }
    }

    /** Follows the leadership before a step; true when this replica may act. */
    boolean follow(Map<TopicKey, TopicInstances> groups) {
        boolean leader = leadership.isLeader();
        if (leader && !acting) {
            try {
                Map<TopicKey, TopicInstances> adopted = workloads.recover();
                groups.clear();
                groups.putAll(adopted);
            } catch (IOException | RuntimeException e) {
                LOG.errorf("became the leader but cannot adopt the running stream apps yet (retried): %s", e.getMessage());
                return false;
            }
            acting = true;
            LOG.infof("leading: adopted %d topic(s); scaling and reconciling", groups.size());
        } else if (!leader && acting) {
            acting = false;
            LOG.infof("not the leader any more: passive, the stream apps are left as they are");
        }
        return acting;
    }

    void stop() {
        acting = false;
    }
}
