package io.mysimbdp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The stream race (docs/performance.md, "A fair race"): one backlog is published while nobody consumes it (the
 * platform's topics stopped through the stream manager's operator API), then every contestant drains it in turn,
 * timed by the same store poller ({@link StoreDrain}): the bare-consumer ceiling, Kafka Connect's MongoDB sink, the
 * platform with the same-work tenant, and the platform with tenant1's shipped profile (its own, labelled row).
 */
final class StreamRace {
    /** The same-work tenant (bench/src/main/resources/bench/benchsink.yaml): one mongodb sink, no quality. */
    static final String SAME_WORK_TENANT = "benchsink";
    static final StreamLoad.Target SAME_WORK = new StreamLoad.Target(SAME_WORK_TENANT, "listings", "tenant_" + SAME_WORK_TENANT,
            "listings_stream", true);
    static final StreamLoad.Target FULL_PROFILE = StreamLoad.TARGETS.get(0);
    private static final Duration STOPPED_TIMEOUT = Duration.ofMinutes(1);

    /** Every contestant's drain; the trials are in the order run. */
    record Outcome(long messagesPerContestant, double meanMessageBytes, List<RaceResult> ceilingTrials,
                   List<RaceResult> connectTrials, RaceResult sameWork, RaceResult fullProfile) {
    }

    private final BenchStack stack;
    private final Path benchLib;
    private final Path work;

    StreamRace(BenchStack stack, Path benchLib, Path work) {
        this.stack = stack;
        this.benchLib = benchLib;
        this.work = work;
    }

    Outcome run(BenchPlan plan, long firstId) throws Exception {
        long n = plan.streamMessages();
        stack.dropCaseData();
        StreamManagerApi api = new StreamManagerApi(stack);
        long managerPid = stack.pid("stream-ingest-manager").orElseThrow();
        for (StreamLoad.Target t : List.of(SAME_WORK, FULL_PROFILE)) {
            api.stop(t.tenant(), t.topic());
            awaitNoInstances(managerPid, t.tenant());
        }
        double meanBytes;
        try (StreamLoad load = new StreamLoad(stack.kafka, stack.var.resolve("credentials"), List.of(SAME_WORK, FULL_PROFILE))) {
            load.publish(2 * n, firstId, 0, null);
            meanBytes = load.bytes.doubleValue() / (2 * n);
        }
        StoreDrain clock = new StoreDrain(stack.externalStore ? OptionalLong.empty()
                : stack.pid("coredms").map(OptionalLong::of).orElse(OptionalLong.empty()));

        List<RaceResult> ceiling = new ArrayList<>();
        for (int threads : plan.streamCeilingThreads()) {
            stack.mongo.getDatabase(StreamCeiling.DATABASE).drop();
            try (StreamCeilingContestant c = new StreamCeilingContestant(stack, work.resolve("ceiling-" + threads), SAME_WORK.dataTopic(),
                    SAME_WORK.collection(), threads, n, plan.pollBatch())) {
                ceiling.add(clock.drain("stream ceiling, " + threads + " consumer" + (threads == 1 ? "" : "s"), c, n));
            }
            // the memory backend holds ~4 GB per million documents: only the contestant running keeps its documents
            stack.mongo.getDatabase(StreamCeiling.DATABASE).drop();
        }
        List<RaceResult> connect = new ArrayList<>();
        int run = 0;
        for (BenchPlan.ConnectSetting s : plan.connectSettings()) {
            stack.mongo.getDatabase(ConnectPeer.DATABASE).drop();
            try (ConnectPeer peer = new ConnectPeer(stack, benchLib, work.resolve("connect-" + run++), s, SAME_WORK.dataTopic(),
                    SAME_WORK.collection())) {
                connect.add(clock.drain("Kafka Connect MongoDB sink, " + s, peer, n));
            }
            stack.mongo.getDatabase(ConnectPeer.DATABASE).drop();
        }
        RaceResult sameWork = clock.drain("platform, same work (" + SAME_WORK_TENANT + ")",
                new PlatformContestant(stack, api, SAME_WORK.tenant(), SAME_WORK.topic(), SAME_WORK.database(),
                        List.of(SAME_WORK.collection())), n);
        // its instances would idle beside the next contestant
        api.stop(SAME_WORK.tenant(), SAME_WORK.topic());
        awaitNoInstances(managerPid, SAME_WORK.tenant());
        stack.mongo.getDatabase(SAME_WORK.database()).drop();
        RaceResult fullProfile = clock.drain("platform, tenant1's shipped profile", new PlatformContestant(stack, api,
                FULL_PROFILE.tenant(), FULL_PROFILE.topic(), FULL_PROFILE.database(),
                List.of(FULL_PROFILE.collection(), FULL_PROFILE.collection() + "_quarantine")), n);
        return new Outcome(n, meanBytes, ceiling, connect, sameWork, fullProfile);
    }

    static void awaitNoInstances(long managerPid, String tenant) {
        long deadline = System.nanoTime() + STOPPED_TIMEOUT.toNanos();
        while (!PlatformContestant.instances(managerPid, tenant).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stream instances of " + tenant + " still run " + STOPPED_TIMEOUT + " after the stop");
            }
            LockSupport.parkNanos(StoreDrain.POLL.toNanos());
        }
    }
}
