package io.mysimbdp.streammanager.reconcile;

import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.model.TenantStreamPlan;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies tenants' topic plans through the {@link TopicOperator}: when a plan changed, after a
 * failure, and every resync interval (to heal deleted topics). Runs on the manager's loop only.
 */
final class TopicSync {
    private static final Logger LOG = Logger.getLogger(TopicSync.class);

    private record Applied(TenantStreamPlan plan, Instant at) {
    }

    private final TopicOperator operator;
    private final StreamMetrics metrics;
    private final Duration resyncInterval;
    private final Map<String, Applied> applied = new HashMap<>();
    /** Tenants whose last attempt failed, so a failure is logged once, not every pass. */
    private final Set<String> failing = new HashSet<>();
    /** When the broker's principals were last compared with the plans (null: not yet, do it on the first pass). */
    private Instant principalsChecked;

    TopicSync(TopicOperator operator, StreamMetrics metrics, Duration resyncInterval) {
        this.operator = operator;
        this.metrics = metrics;
        this.resyncInterval = resyncInterval;
    }

    /**
     * @return the tenants whose topics exist: applied now, or by an earlier pass (a failed grow
     * leaves usable topics behind)
     */
    Set<String> sync(Collection<TenantStreamPlan> plans, Instant now) {
        Set<String> ready = new HashSet<>();
        Set<String> tenants = new HashSet<>();
        for (TenantStreamPlan plan : plans) {
            String tenant = plan.tenant();
            tenants.add(tenant);
            Applied last = applied.get(tenant);
            if (last != null && last.plan().equals(plan) && now.isBefore(last.at().plus(resyncInterval))) {
                ready.add(tenant);
                continue;
            }
            try {
                var changes = operator.apply(plan);
                changes.forEach(c -> LOG.infof("tenant %s: %s", tenant, c));
                metrics.topicChanges(tenant, changes.size());
                applied.put(tenant, new Applied(plan, now));
                if (failing.remove(tenant)) {
                    LOG.infof("tenant %s: topics reconciled again", tenant);
                }
                ready.add(tenant);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failing.add(tenant)) {
                    LOG.warnf("tenant %s: topics not reconciled (%s); retrying every pass", tenant, e);
                }
                if (last != null) {
                    ready.add(tenant);
                }
            }
        }
        Set<String> gone = new HashSet<>(applied.keySet());
        gone.removeAll(tenants);
        if (principalsChecked == null || !now.isBefore(principalsChecked.plus(resyncInterval))) {
            gone.addAll(stalePrincipals(tenants));
            principalsChecked = now;
        }
        gone.forEach(this::revoke);
        applied.keySet().retainAll(tenants);
        failing.retainAll(tenants);
        return ready;
    }

    /** Tenants with a principal on the broker but no stream plan: offboarded while the manager was down. */
    private Set<String> stalePrincipals(Set<String> planned) {
        try {
            Set<String> stale = new HashSet<>(operator.tenantsWithPrincipals());
            stale.removeAll(planned);
            return stale;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("cannot list the tenants' Kafka principals (%s); checking again next resync", e);
            return Set.of();
        }
    }

    /** Offboarding: the tenant's principal, ACLs and quota go; a failure is retried at the next resync. */
    private void revoke(String tenant) {
        try {
            operator.revoke(tenant).forEach(c -> LOG.infof("tenant %s: %s", tenant, c));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            principalsChecked = null;
            LOG.warnf("tenant %s: Kafka access not revoked yet (%s); retrying", tenant, e);
        }
    }
}
