package io.mysimbdp.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The stream ceiling as a contestant: a {@link StreamCeiling} process with {@code threads} consumers in a group of
 * its own (so each trial reads the backlog from the start), authenticated as the broker's super user like the
 * Kafka Connect peer. Its settings, the password among them, go in an owner-only file, not on the command line.
 */
final class StreamCeilingContestant implements StoreDrain.Contestant {
    private final BenchStack stack;
    private final Path dir;
    private final Properties settings = new Properties();
    private final String collection;
    private Process process;

    StreamCeilingContestant(BenchStack stack, Path dir, String topic, String collection, int threads, long messages, int pollBatch) {
        this.stack = stack;
        this.dir = dir;
        this.collection = collection;
        settings.setProperty("threads", Integer.toString(threads));
        settings.setProperty("messages", Long.toString(messages));
        settings.setProperty("topic", topic);
        settings.setProperty("collection", collection);
        settings.setProperty("mongodb.uri", stack.mongoUri);
        settings.setProperty("kafka." + ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka);
        settings.setProperty("kafka." + ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling-" + System.nanoTime());
        settings.setProperty("kafka." + ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(pollBatch));
        stack.superUserSasl().forEach((k, v) -> settings.setProperty("kafka." + k, v));
    }

    @Override
    public void start() throws IOException {
        BenchStack.deleteTree(dir);
        Files.createDirectories(dir);
        Path file = Files.createFile(dir.resolve("ceiling.properties"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file)) {
            settings.store(w, "the stream ceiling's settings (make bench)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        // the bench's own jar: its manifest's Class-Path brings the libraries
        process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), StreamCeiling.class.getName(),
                file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("ceiling.log").toFile()).start();
    }

    @Override
    public long stored() {
        return stack.mongo.getDatabase(StreamCeiling.DATABASE).getCollection(collection).estimatedDocumentCount();
    }

    @Override
    public List<Long> pids() {
        return process != null && process.isAlive() ? List.of(process.pid()) : List.of();
    }

    @Override
    public String failure() {
        return process != null && !process.isAlive() && process.exitValue() != 0
                ? "the ceiling process exited with " + process.exitValue() + "; see " + dir.resolve("ceiling.log") : null;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
