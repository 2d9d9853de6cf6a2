package io.mysimbdp.common.kubernetes;

/**
 * Whether this replica of a manager may act (admit, schedule, scale): the managers ask it at the
 * points where they change something. One replica, or leader election off, is always the leader.
 */
@FunctionalInterface
public interface Leadership {
    /** A single replica (local mode, leader election off): it always acts. */
    Leadership ALWAYS = () -> true;

    boolean isLeader();
}
