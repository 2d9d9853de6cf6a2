package io.mysimbdp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The peer as a contestant: a Kafka Connect standalone worker with the MongoDB sink connector reading the race's
 * backlog topic into the same store, with the same guarantee as the platform: a re-delivered message replaces its
 * own document (ReplaceOne on {@code _id}, upsert) instead of adding one; {@code _id} comes from the {@code id}
 * field (PartialValueStrategy), as the platform's keyFields [id]. The store poller ({@link StoreDrain}) times it from
 * the first document to the last, so the worker's start is not counted (nor is the platform's or the ceiling's).
 */
final class ConnectPeer implements StoreDrain.Contestant {
    static final String DATABASE = "bench_peer";
    private static final String SINK = "com.mongodb.kafka.connect.MongoSinkConnector";

    private final BenchStack stack;
    private final Path benchLib;
    private final Path dir;
    private final BenchPlan.ConnectSetting setting;
    private final String topic;
    private final String collection;
    private Process connect;

    /** @param benchLib the bench's target directory, holding lib/ and connect-lib/ */
    ConnectPeer(BenchStack stack, Path benchLib, Path dir, BenchPlan.ConnectSetting setting, String topic, String collection) {
        this.stack = stack;
        this.benchLib = benchLib;
        this.dir = dir;
        this.setting = setting;
        this.topic = topic;
        this.collection = collection;
    }

    @Override
    public void start() throws IOException {
        BenchStack.deleteTree(dir);
        Files.createDirectories(dir);
        Path worker = write(dir.resolve("worker.properties"), worker());
        // the connector jar has no ServiceLoader manifest; giving it one lets the worker skip a ~13 s class path scan
        Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
        Files.writeString(services.resolve("org.apache.kafka.connect.sink.SinkConnector"), SINK + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g",
                // the CLI jar on the class path sets SLF4J's simple logger to errors only; the worker's INFO lines show its progress
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp",
                dir.resolve("services") + ":" + benchLib.resolve("connect-lib") + "/*:" + benchLib.resolve("lib") + "/*",
                "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString()));
        cmd.add(write(dir.resolve("sink.properties"), sink()).toString());
        connect = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("connect.log").toFile()).start();
    }

    @Override
    public long stored() {
        return stack.mongo.getDatabase(DATABASE).getCollection(collection).estimatedDocumentCount();
    }

    @Override
    public List<Long> pids() {
        return connect != null && connect.isAlive() ? List.of(connect.pid()) : List.of();
    }

    @Override
    public String failure() {
        return connect != null && !connect.isAlive() ? "Kafka Connect (" + setting + ") exited; see " + dir.resolve("connect.log") : null;
    }

    @Override
    public void close() throws InterruptedException {
        if (connect != null) {
            connect.destroy();
            if (!connect.waitFor(30, TimeUnit.SECONDS)) {
                connect.destroyForcibly();
            }
        }
    }

    private Map<String, String> worker() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", stack.kafka);
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter.schemas.enable", "false");
        p.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        p.put("listeners", "http://127.0.0.1:" + BenchStack.freePorts(1)[0]);
        p.put("plugin.discovery", "service_load");
        // one poll = one bulk write, as in the platform's stream app
        p.put("consumer.max.poll.records", Integer.toString(setting.batch()));
        p.put("consumer.auto.offset.reset", "earliest");
        // the broker lets in only authenticated clients: the peer runs as the broker's super user (its group,
        // connect-<name>, is under no tenant's prefix), for the worker's own clients and the tasks' consumers
        stack.superUserSasl().forEach((k, v) -> {
            for (String prefix : new String[]{"", "consumer.", "producer.", "admin."}) {
                p.put(prefix + k, v);
            }
        });
        return p;
    }

    private Map<String, String> sink() {
        Map<String, String> p = new LinkedHashMap<>();
        // a new name each run: a new consumer group, reading the backlog from the start
        p.put("name", "bench-sink-" + System.nanoTime());
        p.put("connector.class", SINK);
        p.put("tasks.max", Integer.toString(setting.tasks()));
        p.put("topics", topic);
        p.put("connection.uri", stack.mongoUri);
        p.put("database", DATABASE);
        p.put("collection", collection);
        p.put("max.batch.size", Integer.toString(setting.batch()));
        p.put("writemodel.strategy", "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy");
        p.put("document.id.strategy", "com.mongodb.kafka.connect.sink.processor.id.strategy.PartialValueStrategy");
        p.put("document.id.strategy.partial.value.projection.type", "AllowList");
        p.put("document.id.strategy.partial.value.projection.list", "id");
        return p;
    }

    private static Path write(Path file, Map<String, String> props) throws IOException {
        Files.writeString(file, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }
}
