package io.mysimbdp.streammanager.usage;

import io.mysimbdp.streammanager.model.TopicKey;

import java.time.Instant;

/**
 * Where the manager records each stream app instance's run (start, still alive, end), so
 * instance-hours can be metered (daas {@code /usage}). One run is one instance from one start to
 * its exit; {@code startedAt} identifies it together with the instance id.
 */
public interface InstanceRuns {
    /** Records nothing (tests, or no platform database). */
    InstanceRuns NONE = new InstanceRuns() {
        @Override
        public void started(TopicKey key, String instanceId, Instant startedAt) {
        }

        @Override
        public void alive(TopicKey key, String instanceId, Instant startedAt, Instant at) {
        }

        @Override
        public void ended(TopicKey key, String instanceId, Instant startedAt, Instant at, String exit) {
        }
    };

    /** The instance started (or was adopted after a manager restart) at {@code startedAt}. */
    void started(TopicKey key, String instanceId, Instant startedAt);

    /** The instance was seen running at {@code at}; implementations may write only every so often. */
    void alive(TopicKey key, String instanceId, Instant startedAt, Instant at);

    /** The instance ended at {@code at}. */
    void ended(TopicKey key, String instanceId, Instant startedAt, Instant at, String exit);
}
