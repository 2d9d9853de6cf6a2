package io.mysimbdp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The peer: a Kafka Connect standalone worker with the MongoDB sink connector, one connector per tenant
 * topic, reading the messages the stream case published into the same store, with the same guarantee as
 * the platform: a re-delivered message replaces its own document (ReplaceOne on {@code _id}, upsert)
 * instead of adding one. tenant1's {@code _id} is its {@code id} field (PartialValueStrategy), tenant2's
 * the message's position (KafkaMetaDataStrategy: topic#partition#offset), as in the platform.
 * Time and CPU run from the first document in the store to the last, so the worker's start is not counted.
 */
final class ConnectPeer {
    static final String DATABASE = "bench_peer";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String SINK = "com.mongodb.kafka.connect.MongoSinkConnector";

    /** One setting's outcome. */
    record Trial(BenchPlan.ConnectSetting setting, long messages, double seconds, double cpuSeconds, double peakRssMib) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double cpuSecondsPerMillion() {
            return cpuSeconds / (messages / 1e6);
        }
    }

    private final BenchStack stack;
    private final Path benchLib;
    private final Path work;
    private int runs;

    /** @param benchLib the bench's target directory, holding lib/ and connect-lib/ */
    ConnectPeer(BenchStack stack, Path benchLib, Path work) {
        this.stack = stack;
        this.benchLib = benchLib;
        this.work = work;
    }

    Trial run(BenchPlan.ConnectSetting setting, long messages) throws IOException, InterruptedException {
        stack.dropCaseData();
        Path dir = work.resolve("connect-" + runs++);
        BenchStack.deleteTree(dir);
        Files.createDirectories(dir);
        String suffix = Long.toString(System.currentTimeMillis());
        Path worker = write(dir.resolve("worker.properties"), worker(dir, setting));
        // the connector jar has no ServiceLoader manifest; giving it one lets the worker skip a ~13 s class path scan
        Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
        Files.writeString(services.resolve("org.apache.kafka.connect.sink.SinkConnector"), SINK + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g",
                // the CLI jar on the class path sets SLF4J's simple logger to errors only; the worker's INFO lines show its progress
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp",
                dir.resolve("services") + ":" + benchLib.resolve("connect-lib") + "/*:" + benchLib.resolve("lib") + "/*",
                "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString()));
        for (StreamLoad.Target t : StreamLoad.TARGETS) {
            cmd.add(write(dir.resolve(t.tenant() + ".properties"), sink(t, setting, suffix)).toString());
        }
        Process connect = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("connect.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long first = 0;
            double cpuAtFirst = 0;
            while (true) {
                long stored = stored();
                long now = System.nanoTime();
                if (first == 0 && stored > 0) {
                    first = now;
                    cpuAtFirst = ProcessStats.cpuSeconds(connect.pid()).orElse(0.0);
                }
                if (stored >= messages) {
                    double cpu = ProcessStats.cpuSeconds(connect.pid()).orElseThrow() - cpuAtFirst;
                    double rss = ProcessStats.peakRssMib(connect.pid()).orElse(0.0);
                    return new Trial(setting, messages, (now - first) / 1e9, cpu, rss);
                }
                if (!connect.isAlive() || now > deadline) {
                    throw new IllegalStateException("Kafka Connect (" + setting + ") stored " + stored + " of " + messages
                            + (connect.isAlive() ? " in " + TIMEOUT : " and exited") + "; see " + dir.resolve("connect.log"));
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        } finally {
            connect.destroy();
            if (!connect.waitFor(30, TimeUnit.SECONDS)) {
                connect.destroyForcibly();
            }
        }
    }

    private long stored() {
        return StreamLoad.TARGETS.stream().mapToLong(t ->
                stack.mongo.getDatabase(DATABASE).getCollection(t.collection()).estimatedDocumentCount()).sum();
    }

    private Map<String, String> worker(Path dir, BenchPlan.ConnectSetting setting) {
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

    private Map<String, String> sink(StreamLoad.Target t, BenchPlan.ConnectSetting setting, String suffix) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "bench-" + t.tenant() + "-" + suffix);
        p.put("connector.class", SINK);
        p.put("tasks.max", Integer.toString(setting.tasks()));
        p.put("topics", t.dataTopic());
        p.put("connection.uri", stack.mongoUri);
        p.put("database", DATABASE);
        p.put("collection", t.collection());
        p.put("max.batch.size", Integer.toString(setting.batch()));
        p.put("writemodel.strategy", "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy");
        if (t.keyedById()) {
            p.put("document.id.strategy", "com.mongodb.kafka.connect.sink.processor.id.strategy.PartialValueStrategy");
            p.put("document.id.strategy.partial.value.projection.type", "AllowList");
            p.put("document.id.strategy.partial.value.projection.list", "id");
        } else {
            p.put("document.id.strategy", "com.mongodb.kafka.connect.sink.processor.id.strategy.KafkaMetaDataStrategy");
        }
        return p;
    }

    private static Path write(Path file, Map<String, String> props) throws IOException {
        Files.writeString(file, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }
}
