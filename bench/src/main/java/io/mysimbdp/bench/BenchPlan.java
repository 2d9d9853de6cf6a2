package io.mysimbdp.bench;

import java.util.List;

/**
 * How much data each case uses and which settings the ceilings and the peer try: {@link #full()}
 * for {@code make bench}, {@link #smoke()} for {@code make bench-smoke} (tiny, so CI can run it).
 *
 * @param largeFilesPerTenant  batch, large files: files per tenant (two tenants)
 * @param largeFileBytes       batch, large files: bytes per file
 * @param smallFilesPerTenant  batch, many small files: files per tenant
 * @param smallFileBytes       batch, many small files: bytes per file
 * @param ceilingGridDocs      batch ceiling: documents each grid setting writes (the best is then run on all)
 * @param ceilingThreads       batch ceiling: writer threads tried
 * @param ceilingBatches       batch ceiling: insertMany sizes tried
 * @param rssFileBytes         the batch app's memory case: size of the one big file
 * @param rssUniqueBytes       the big file repeats a file of this size (the store keeps only its rows once)
 * @param streamMessages       stream race: the backlog each contestant drains (per contestant; the latency case's ids start after it)
 * @param latencySeconds       stream: how long messages are published at half the max rate
 * @param streamCeilingThreads stream ceiling: consumer threads tried
 * @param connectSettings      peer: Kafka Connect settings tried
 * @param pollBatch            records per poll for the ceiling's consumers (the stream app's batchSize)
 * @param fleet                the many-tenants case
 */
record BenchPlan(String name, int largeFilesPerTenant, long largeFileBytes, int smallFilesPerTenant, long smallFileBytes,
                 int ceilingGridDocs, List<Integer> ceilingThreads, List<Integer> ceilingBatches,
                 long rssFileBytes, long rssUniqueBytes, int streamMessages, int latencySeconds,
                 List<Integer> streamCeilingThreads, List<ConnectSetting> connectSettings, int pollBatch, FleetPlan fleet) {

    /**
     * The many-tenants case.
     *
     * @param tenants                    fleet sizes measured in turn (tenants are added, never removed)
     * @param messagesPerSecondPerTenant each tenant's trickle under load
     * @param loadSeconds                how long the trickle runs
     * @param filesPerTenant             files each tenant drops at the start of the load
     * @param fileBytes                  bytes per file
     * @param settleSeconds              wait after onboarding before the idle window (start-up CPU is not idle CPU)
     * @param idleSeconds                the idle window
     */
    record FleetPlan(List<Integer> tenants, double messagesPerSecondPerTenant, int loadSeconds, int filesPerTenant, long fileBytes,
                     int settleSeconds, int idleSeconds) {
    }

    /** One Kafka Connect run: sink tasks and records per poll (= per bulk write). */
    record ConnectSetting(int tasks, int batch) {
        @Override
        public String toString() {
            return tasks + " tasks, batch " + batch;
        }
    }

    static BenchPlan full() {
        return new BenchPlan("full", 5, 20L << 20, 1000, 10_000,
                300_000, List.of(1, 2, 3, 4), List.of(1000, 5000),
                1L << 30, 20L << 20, 1_000_000, 20,
                List.of(1, 2, 4), List.of(new ConnectSetting(1, 2000), new ConnectSetting(2, 2000), new ConnectSetting(4, 2000)),
                2000, new FleetPlan(List.of(1, 5, 20), 20, 20, 3, 100_000, 10, 15));
    }

    static BenchPlan smoke() {
        return new BenchPlan("smoke", 2, 300_000, 20, 10_000,
                2_000, List.of(1, 2), List.of(1000),
                4L << 20, 1L << 20, 20_000, 3,
                List.of(1), List.of(new ConnectSetting(2, 500)),
                500, new FleetPlan(List.of(1, 2), 10, 3, 1, 10_000, 3, 3));
    }

    /**
     * The same cases with the data volumes multiplied by {@code scale} (0 to 1): file sizes, the number of
     * small files, messages, the big file. For a machine that cannot hold or finish the full volumes.
     */
    BenchPlan scaled(double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("BENCH_SCALE must be in (0, 1], got " + scale);
        }
        if (scale == 1) {
            return this;
        }
        return new BenchPlan(name + " x" + scale, largeFilesPerTenant, (long) (largeFileBytes * scale),
                Math.max(1, (int) (smallFilesPerTenant * scale)), smallFileBytes, Math.max(1000, (int) (ceilingGridDocs * scale)),
                ceilingThreads, ceilingBatches, (long) (rssFileBytes * scale), Math.min(rssUniqueBytes, (long) (rssFileBytes * scale)),
                Math.max(1000, (int) (streamMessages * scale)), latencySeconds, streamCeilingThreads, connectSettings, pollBatch, fleet);
    }

    boolean smokeRun() {
        return name.startsWith("smoke");
    }
}
