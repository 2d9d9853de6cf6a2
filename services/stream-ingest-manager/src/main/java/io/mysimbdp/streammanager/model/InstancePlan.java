package io.mysimbdp.streammanager.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instance bookkeeping for one topic: instances are numbered 1..N; given the wanted count and what
 * each slot holds, which slots to start, which to stop and which to forget. Scaling in stops the
 * highest numbers; a slot still stopping is waited for before its number is used again.
 */
public record InstancePlan(List<Integer> start, List<Integer> stop, List<Integer> forget) {

    public enum Status {
        RUNNING,
        /** Asked to stop; its exit is awaited. */
        STOPPING,
        /** Ended unexpectedly; started again at {@code restartAt}. */
        WAITING_RESTART
    }

    /** @param outdated a running instance started with another spec (profile changed): it is replaced */
    public record Slot(Status status, Instant restartAt, boolean outdated) {
        public static Slot running() {
            return new Slot(Status.RUNNING, null, false);
        }
    }

    public boolean isEmpty() {
        return start.isEmpty() && stop.isEmpty() && forget.isEmpty();
    }

    public static InstancePlan plan(int wanted, Map<Integer, Slot> slots, Instant now) {
        List<Integer> start = new ArrayList<>();
        List<Integer> stop = new ArrayList<>();
        List<Integer> forget = new ArrayList<>();
        for (int i = 1; i <= wanted; i++) {
            Slot s = slots.get(i);
            if (s == null || (s.status() == Status.WAITING_RESTART && !s.restartAt().isAfter(now))) {
                start.add(i);
            } else if (s.status() == Status.RUNNING && s.outdated()) {
                stop.add(i);
            }
        }
        new TreeMap<>(slots).descendingMap().forEach((i, s) -> {
            if (i > wanted) {
                switch (s.status()) {
                    case RUNNING -> stop.add(i);
                    case WAITING_RESTART -> forget.add(i);
                    case STOPPING -> { /* already on its way out */ }
                }
            }
        });
        return new InstancePlan(start, stop, forget);
    }
}
