package io.mysimbdp.streammanager.instances;

import io.mysimbdp.streammanager.model.TopicKey;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Runs each topic's instances at its wanted count on one runtime: local child processes
 * ({@link InstanceSupervisor}) or a Kubernetes Deployment per topic. The manager's scaling
 * decisions only change wanted counts; this is where they meet the runtime.
 */
public interface TopicWorkloads {
    /** What to call when the runtime sees an instance end (the manager wakes its loop to settle it). */
    void onExit(Runnable wake);

    String runtimeName();

    /** Takes back what a previous run (or leader) left running, with its wanted counts: adopted, not started again. */
    Map<TopicKey, TopicInstances> recover() throws IOException;

    /** Drives the topic's instances towards {@link TopicInstances#effectiveWanted()}; a removed topic's are stopped. */
    void reconcile(TopicInstances g);

    /** Settles instances that ended since the last call. */
    void collectExits(Map<TopicKey, TopicInstances> groups);

    /** Persists the topic's wanted count so it survives a restart of the manager. */
    void saveWanted(TopicInstances g);

    /** Forgets a removed topic's saved state. */
    void forget(TopicInstances g);

    /**
     * The manager shuts down: stops what must not outlive it.
     *
     * @return how many instances did not end in time
     */
    int stopAll(Collection<TopicInstances> groups) throws InterruptedException;

    /** Why this runtime cannot take another instance now (the local one: busy host CPUs), or empty. */
    default java.util.Optional<String> scaleOutHeld() {
        return java.util.Optional.empty();
    }
}
