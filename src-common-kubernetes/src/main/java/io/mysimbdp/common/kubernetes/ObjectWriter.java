package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one write path for a kind of namespaced cluster object: {@link #apply} reads the object under a
 * name, asks {@link ObjectChange#decide} what to do and does exactly that — create, patch, replace
 * (delete, wait until gone, create) or delete (in the background) — so callers never ask whether an
 * object exists. A create that meets 409 Conflict (created meanwhile) decides once more against the
 * object found. Thin I/O: every choice is in {@link ObjectChange} and the kind's {@link ObjectRules}.
 *
 * @param <T> the kind
 */
public final class ObjectWriter<T extends HasMetadata> {
    static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final Class<T> kind;
    private final String namespace;
    private final Duration deleteWait;

    /** What one {@link #apply} did: the change, the object before it (null: none or not read), after it (null: none). */
    public record Applied<T>(ObjectChange change, T before, T after) {
    }

    /**
     * @param deleteWait how long a {@link ObjectChange#REPLACE} waits for the old object to be gone
     */
    public ObjectWriter(KubernetesClient client, Class<T> kind, String namespace, Duration deleteWait) {
        this.client = client;
        this.kind = kind;
        this.namespace = namespace;
        this.deleteWait = deleteWait;
    }

    /** The object under {@code name}, for reads besides the writes. */
    public Resource<T> resource(String name) {
        return client.resources(kind).inNamespace(namespace).withName(name);
    }

    /**
     * Makes the cluster have {@code desired} under {@code name} (null: have nothing there).
     *
     * @param beforeCreate run just before a create (also the one of a replace), e.g. to make the
     *                     ServiceAccount a pod runs under; null for nothing
     * @throws KubernetesClientException when a write fails
     */
    public Applied<T> apply(String name, T desired, ObjectRules<T> rules, Runnable beforeCreate) {
        T current = rules.readable() ? resource(name).get() : null;
        return apply(name, desired, rules, beforeCreate, current, true);
    }

    private Applied<T> apply(String name, T desired, ObjectRules<T> rules, Runnable beforeCreate, T current, boolean mayRetry) {
        ObjectChange change = ObjectChange.decide(current, desired, rules);
        switch (change) {
            case CREATE:
                return create(name, desired, rules, beforeCreate, current, mayRetry);
            case PATCH:
                return new Applied<>(change, current, resource(name).edit(c -> rules.patch(c, desired)));
            case REPLACE:
                delete(name);
                resource(name).waitUntilCondition(Objects::isNull, deleteWait.toMillis(), TimeUnit.MILLISECONDS);
                Applied<T> created = create(name, desired, rules, beforeCreate, null, mayRetry);
                return new Applied<>(change, current, created.after());
            case DELETE:
                delete(name);
                return new Applied<>(change, current, null);
            case NOTHING:
            case CONFLICT:
            default:
                return new Applied<>(change, current, current);
        }
    }

    private Applied<T> create(String name, T desired, ObjectRules<T> rules, Runnable beforeCreate, T current, boolean mayRetry) {
        if (beforeCreate != null) {
            beforeCreate.run();
        }
        try {
            return new Applied<>(ObjectChange.CREATE, current, client.resources(kind).inNamespace(namespace).resource(desired).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
            if (!rules.readable()) {
                return new Applied<>(ObjectChange.NOTHING, null, null); // it exists: kept as it is
            }
            T meanwhile = mayRetry ? resource(name).get() : null;
            if (meanwhile == null) {
                throw e;
            }
            return apply(name, desired, rules, beforeCreate, meanwhile, false);
        }
    }

    private void delete(String name) {
        resource(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
}
