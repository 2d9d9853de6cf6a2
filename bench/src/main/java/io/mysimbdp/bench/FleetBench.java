package io.mysimbdp.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The many-tenants case (docs/performance.md, "How cost grows with the tenants"): the platform idle with no fleet
 * tenant (the baseline), then with 1, 5, 20 (the plan's sizes) tenants onboarded by dropping their profiles into the
 * stack's tenants folder: each step measures the platform's processes idle, then under a trickle of messages per
 * tenant and a few files per tenant. The shipped tenants' stream topics are stopped first, so they add nothing.
 * Fleet tenants pay per use: their stream app has {@code minInstances: 0} and a short {@code scaleToZeroAfter}, so
 * the idle window is measured once every fleet topic is asleep (no instance left), and after the load each one must
 * fall asleep again.
 */
final class FleetBench {
    static final String PROFILE_RESOURCE = "/bench/fleet-tenant.yaml";
    static final String TOPIC = "listings";
    static final String STREAM_COLLECTION = "listings_stream";
    private static final Duration ONBOARD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    /** The fleet tenants' idle time before their stream topic scales to zero. */
    static final String SCALE_TO_ZERO_AFTER = "5s";
    private static final Duration SLEEP_TIMEOUT = Duration.ofMinutes(2);

    /** The baseline and every step. */
    record Outcome(FleetCost.Window baseline, List<FleetCost.Step> steps) {
        List<FleetCost.PerTenant> perTenant() {
            return steps.stream().map(s -> FleetCost.perTenant(baseline, s)).toList();
        }
    }

    private final BenchStack stack;
    private final SampleFiles samples;
    private final Path work;
    private final BenchPlan.FleetPlan plan;
    private final long managerPid;

    FleetBench(BenchStack stack, SampleFiles samples, Path work, BenchPlan.FleetPlan plan) {
        this.stack = stack;
        this.samples = samples;
        this.work = work;
        this.plan = plan;
        this.managerPid = stack.pid("stream-ingest-manager").orElseThrow();
    }

    static String tenant(int n) {
        return String.format("fleet%02d", n);
    }

    Outcome run() throws Exception {
        StreamManagerApi api = new StreamManagerApi(stack);
        for (StreamLoad.Target t : StreamLoad.TARGETS) {
            api.stop(t.tenant(), t.topic());
            StreamRace.awaitNoInstances(managerPid, t.tenant());
        }
        PlatformSampler sampler = new PlatformSampler(stack);
        pause(plan.settleSeconds());
        FleetCost.Window baseline = idle(sampler);
        List<FleetCost.Step> steps = new ArrayList<>();
        int onboarded = 0;
        for (int size : plan.tenants()) {
            for (int n = onboarded + 1; n <= size; n++) {
                onboard(tenant(n));
            }
            for (int n = onboarded + 1; n <= size; n++) {
                awaitOnboarded(tenant(n));
            }
            onboarded = size;
            pause(plan.settleSeconds());
            awaitAsleep(size);
            FleetCost.Window idle = idle(sampler);
            steps.add(load(sampler, size, idle));
            awaitAsleep(size); // and back to zero once the load is stored
        }
        return new Outcome(baseline, steps);
    }

    private void onboard(String tenant) throws IOException {
        stack.mongo.getDatabase("tenant_" + tenant).drop();   // an external store may hold a previous run's
        Path tmp = work.resolve(tenant + ".yaml");
        Files.createDirectories(work);
        Files.writeString(tmp, profile(), StandardCharsets.UTF_8);
        // whole, or not at all: the managers watch the folder
        Files.move(tmp, stack.tenants.resolve(tenant + ".yaml"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Its Kafka credentials written, its staging folder made, its stream instance running. */
    private void awaitOnboarded(String tenant) {
        long deadline = System.nanoTime() + ONBOARD_TIMEOUT.toNanos();
        Path credentials = stack.var.resolve("credentials").resolve(tenant).resolve(io.mysimbdp.common.kafka.KafkaCredentials.FILE_NAME);
        while (!(Files.exists(credentials) && Files.isDirectory(stack.staging(tenant))
                && !PlatformContestant.instances(managerPid, tenant).isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("many tenants: " + tenant + " not onboarded after " + ONBOARD_TIMEOUT + " (credentials "
                        + Files.exists(credentials) + ", staging " + Files.isDirectory(stack.staging(tenant)) + ", stream instance "
                        + !PlatformContestant.instances(managerPid, tenant).isEmpty() + ")");
            }
            LockSupport.parkNanos(StoreDrain.POLL.toNanos());
        }
    }

    /** Every fleet topic asleep: no stream instance of any fleet tenant left. */
    private void awaitAsleep(int size) {
        long deadline = System.nanoTime() + SLEEP_TIMEOUT.toNanos();
        for (int n = 1; n <= size; n++) {
            while (!PlatformContestant.instances(managerPid, tenant(n)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("many tenants: " + tenant(n) + " still runs a stream instance " + SLEEP_TIMEOUT
                            + " after its load (scaleToZeroAfter " + SCALE_TO_ZERO_AFTER + "): it did not scale to zero");
                }
                LockSupport.parkNanos(StoreDrain.POLL.toNanos());
            }
        }
    }

    private FleetCost.Window idle(PlatformSampler sampler) {
        CpuTally cpu = new CpuTally(sampler.cpu());
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(plan.idleSeconds()).toNanos();
        double rssSum = 0;
        int samplesTaken = 0;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(PlatformSampler.INTERVAL.toNanos());
            cpu.observe(sampler.cpu());
            rssSum += sampler.rssMib();
            samplesTaken++;
        }
        return new FleetCost.Window((System.nanoTime() - started) / 1e9, cpu.seconds(), rssSum / Math.max(1, samplesTaken));
    }

    /** Every tenant: its trickle for the plan's seconds and its files dropped at once; until all is stored. */
    private FleetCost.Step load(PlatformSampler sampler, int size, FleetCost.Window idle) throws Exception {
        String caseName = "fleet-k" + size;
        long firstId = size * 10_000_000L;
        List<Path> files = samples.csv(work.resolve(caseName), caseName, plan.filesPerTenant(), plan.fileBytes(), firstId);
        List<StreamLoad.Target> targets = new ArrayList<>();
        List<Long> before = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            StreamLoad.Target t = new StreamLoad.Target(tenant(n), TOPIC, "tenant_" + tenant(n), STREAM_COLLECTION, true);
            targets.add(t);
            before.add(stored(t));
        }
        long messages = Math.max(size, Math.round(plan.messagesPerSecondPerTenant() * size * plan.loadSeconds()));
        double rate = plan.messagesPerSecondPerTenant() * size;
        CpuTally cpu = new CpuTally(sampler.cpu());
        double peakRss = 0;
        long started = System.nanoTime();
        Instant dropped = Instant.now();
        for (int n = 1; n <= size; n++) {
            for (Path f : files) {
                // copied beside, then renamed into staging whole: a half-copied file is never seen
                Path copy = work.resolve(caseName + "-" + tenant(n) + "-" + f.getFileName());
                Files.copy(f, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.move(copy, stack.staging(tenant(n)).resolve(copy.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        long messagesDone = 0;
        try (StreamLoad load = new StreamLoad(stack.kafka, stack.var.resolve("credentials"), targets)) {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> load.publish(messages, firstId, rate, null));
            long deadline = started + LOAD_TIMEOUT.toNanos() + Duration.ofSeconds(plan.loadSeconds()).toNanos();
            while (true) {
                LockSupport.parkNanos(PlatformSampler.INTERVAL.toNanos());
                cpu.observe(sampler.cpu());
                peakRss = Math.max(peakRss, sampler.rssMib());
                if (messagesDone == 0 && publishing.isDone() && allStored(targets, before, messages)) {
                    publishing.join();
                    messagesDone = System.nanoTime();
                }
                if (messagesDone != 0 && doneFiles(caseName) >= (long) size * files.size()) {
                    break;
                }
                failedFile(caseName);
                if (publishing.isCompletedExceptionally() || System.nanoTime() > deadline) {
                    publishing.join();
                    throw new IllegalStateException("many tenants (" + size + "): the trickle and the files were not all stored in "
                            + LOAD_TIMEOUT.plusSeconds(plan.loadSeconds()));
                }
            }
        }
        long ended = System.nanoTime();
        List<Document> done = BatchBench.awaitDone(stack, caseName, size * files.size());   // all DONE by now: returns them
        long rows = done.stream().mapToLong(d -> d.get("rows_ok", Number.class).longValue()).sum();
        Instant lastFile = done.stream().map(d -> d.getDate("finished_at").toInstant()).max(Instant::compareTo).orElseThrow();
        FleetCost.Window load = new FleetCost.Window((ended - started) / 1e9, cpu.seconds(), peakRss);
        return new FleetCost.Step(size, idle, load, messages, (messagesDone - started) / 1e9, rows,
                Duration.between(dropped, lastFile).toMillis() / 1000.0);
    }

    private long stored(StreamLoad.Target t) {
        return stack.mongo.getDatabase(t.database()).getCollection(t.collection()).estimatedDocumentCount();
    }

    private boolean allStored(List<StreamLoad.Target> targets, List<Long> before, long messages) {
        for (int i = 0; i < targets.size(); i++) {
            if (stored(targets.get(i)) - before.get(i) < StreamLoad.perTarget(messages, i, targets.size())) {
                return false;
            }
        }
        return true;
    }

    private long doneFiles(String caseName) {
        return ledger().countDocuments(Filters.and(Filters.regex("file", "^" + caseName + "-"), Filters.eq("status", "DONE")));
    }

    /** Fails at once when a file of the case was refused or has failed, as the batch cases do. */
    private void failedFile(String caseName) {
        Document failed = ledger().find(Filters.and(Filters.regex("file", "^" + caseName + "-"),
                Filters.in("status", List.of("INVALID", "FAILED", "RETRY")))).first();
        if (failed != null) {
            throw new IllegalStateException("many tenants: " + failed.getString("file") + " is " + failed.getString("status") + ": "
                    + failed.getString("reason"));
        }
    }

    private MongoCollection<Document> ledger() {
        return stack.mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    private static void pause(int seconds) {
        LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos());
    }

    /** The fleet profile with {@code minInstances: 0} and {@link #SCALE_TO_ZERO_AFTER} for its stream app. */
    static String scaledToZeroWhenIdle(String yaml) {
        String edited = yaml.replace("    minInstances: 1\n", "    minInstances: 0\n    scaleToZeroAfter: " + SCALE_TO_ZERO_AFTER + "\n");
        if (edited.equals(yaml)) {
            throw new IllegalStateException(PROFILE_RESOURCE + " has no stream app 'minInstances: 1' to turn into scale to zero");
        }
        return edited;
    }

    static String profile() {
        try (InputStream in = FleetBench.class.getResourceAsStream(PROFILE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bench jar has no " + PROFILE_RESOURCE);
            }
            return scaledToZeroWhenIdle(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
