package io.mysimbdp.bench;

import io.mysimbdp.common.contract.AppEnv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The platform as a contestant: a tenant's stream topic, stopped while the backlog was published, started by the
 * stream-ingest-manager; its processes are the tenant's app instances (children of the manager whose environment
 * names the tenant). It stays started when the drain ends.
 */
final class PlatformContestant implements StoreDrain.Contestant {
    private final BenchStack stack;
    private final StreamManagerApi api;
    private final String tenant;
    private final String topic;
    private final String database;
    private final List<String> collections;
    private final long managerPid;

    /** @param collections where the tenant's documents land (a quality profile's quarantine counts: it is written too) */
    PlatformContestant(BenchStack stack, StreamManagerApi api, String tenant, String topic, String database, List<String> collections) {
        this.stack = stack;
        this.api = api;
        this.tenant = tenant;
        this.topic = topic;
        this.database = database;
        this.collections = collections;
        this.managerPid = stack.pid("stream-ingest-manager").orElseThrow();
    }

    @Override
    public void start() {
        api.start(tenant, topic);
    }

    @Override
    public long stored() {
        return collections.stream().mapToLong(c -> stack.mongo.getDatabase(database).getCollection(c).estimatedDocumentCount()).sum();
    }

    @Override
    public List<Long> pids() {
        return instances(managerPid, tenant);
    }

    /**
     * The live stream app instances of {@code tenant} the manager runs: their JVMs (the launcher execs java; its
     * short-lived subshells before that carry the same command line and are not instances).
     */
    static List<Long> instances(long managerPid, String tenant) {
        return ProcessStats.descendants(managerPid, StreamBench.APP_MARKER).stream()
                .filter(PlatformContestant::isJvm)
                .filter(pid -> tenantOf(pid).equals(tenant)).toList();
    }

    private static boolean isJvm(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("/java")).orElse(false);
    }

    private static String tenantOf(long pid) {
        try {
            return ProcessEnvironment.value(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), AppEnv.TENANT)
                    .orElse("");
        } catch (IOException e) {
            return "";   // gone
        }
    }

    @Override
    public String failure() {
        return null;   // the manager restarts a failed instance; a drain that never ends times out
    }

    @Override
    public void close() {
    }
}
