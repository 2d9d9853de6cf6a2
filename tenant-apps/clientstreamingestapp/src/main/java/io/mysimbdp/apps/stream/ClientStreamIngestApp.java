package io.mysimbdp.apps.stream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.apps.stream.loop.StreamIngestor;
import io.mysimbdp.apps.stream.report.BatchTracing;
import io.mysimbdp.apps.stream.sink.QuarantineRouting;
import io.mysimbdp.apps.stream.sink.SinkFanOut;
import io.mysimbdp.apps.stream.sink.SinkSetup;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import io.mysimbdp.common.profile.StreamSink;
import io.mysimbdp.common.quality.Quarantine;
import io.mysimbdp.common.store.DirectDocumentCodec;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import sun.misc.Signal;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The example stream app: a black box following docs/tenant-app-contract.md ("Stream apps"). No
 * arguments; the environment names the topic, the store and the wrangling. Runs until SIGTERM
 * (or SIGINT), then finishes the batch in hand, commits, sends a last report and exits 0.
 *
 * <p>Exit codes: {@value StreamIngestor#EXIT_OK} stopped on a signal; {@value StreamIngestor#EXIT_FAILED}
 * stopped on an error (uncommitted messages are consumed again by the next instance);
 * {@value #EXIT_UNUSABLE} could not start (environment or config unusable, named in the log).
 */
@QuarkusMain
public class ClientStreamIngestApp implements QuarkusApplication {
    static final int EXIT_UNUSABLE = 2;
    static final String APP_NAME = "clientstreamingestapp";
    /**
     * The driver waits 30 s for a server by default; a failing write should come back sooner so the
     * loop can keep reporting and notice a stop. A {@code serverSelectionTimeoutMS} in the URI wins.
     */
    static final int DEFAULT_SERVER_SELECTION_SECONDS = 5;
    /** The driver's default read timeout is none: a hung store would hang the loop for ever. */
    static final int DEFAULT_SOCKET_READ_SECONDS = 60;
    /** Writer threads; a system property so a benchmark can try other values without a rebuild. */
    static final String WRITERS_PROPERTY = "clientstreamingestapp.writers";
    /**
     * Batches written at once. One writer already overlaps wrangling with writing; a second keeps
     * an insertMany on the wire while the store answers the other. Measured (1M ~210-byte listings,
     * 4 partitions, memory-backend store in its own JVM, two cores): 1 writer ~40k msg/s steady,
     * 2 writers ~45k, 3 no better; a loop without overlap managed far less.
     */
    static final int DEFAULT_WRITERS = 2;
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
    /** How long Quarkus' own shutdown (not our signal handler) waits for the loop to finish. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(25);
    private static final Logger LOG = Logger.getLogger(ClientStreamIngestApp.class);

    private static volatile StreamIngestor running;
    private final OpenTelemetry openTelemetry;

    public ClientStreamIngestApp(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /** A signal that came before the loop existed: it stops as soon as it starts. */
    private static volatile boolean stopBeforeStart;

    @Override
    public int run(String... args) {
        stopOnSignal("TERM");
        stopOnSignal("INT");
        StreamEnvironment env;
        StreamAppConfig config;
        MongoClientSettings settings;
        try {
            env = StreamEnvironment.from(System.getenv());
        } catch (io.mysimbdp.common.runtime.ContractEnvironment.EnvironmentException e) {
            LOG.errorf("cannot start: environment: %s", e.getMessage());
            return EXIT_UNUSABLE;
        }
        try {
            config = StreamAppConfig.parse(env.appConfig());
        } catch (WrangleConfig.ConfigException e) {
            LOG.errorf("cannot start: invalid %s: %s", StreamEnvironment.APP_CONFIG, e.getMessage());
            return EXIT_UNUSABLE;
        }
        try {
            settings = clientSettings(env.mongoUri());
        } catch (IllegalArgumentException e) {
            LOG.errorf("cannot start: invalid %s: %s", StreamEnvironment.MONGODB_URI, e.getMessage());
            return EXIT_UNUSABLE;
        }
        List<StreamSink> sinks;
        try {
            sinks = SinkSetup.parse(System.getenv(SinkSetup.SINKS));
        } catch (IllegalArgumentException e) {
            LOG.errorf("cannot start: invalid %s: %s", SinkSetup.SINKS, e.getMessage());
            return EXIT_UNUSABLE;
        }
        MDC.put("tenant", env.tenant());
        MDC.put("topic", env.topic());
        MDC.put("instance", env.instanceId());
        ClassArchiveRecording recording = ClassArchiveRecording.requested();
        if (recording != null) {
            recording.after(ClassArchiveRecording.delay(System.getProperty(ClassArchiveRecording.AFTER_PROPERTY)));
        }
        int code = ingest(env, config, settings, sinks, new BatchTracing(openTelemetry, env));
        if (recording != null) {
            recording.now();   // stopped before the delay: the classes of this shorter run
        }
        return code;
    }

    private static int ingest(StreamEnvironment env, StreamAppConfig config, MongoClientSettings settings,
                              List<StreamSink> sinks, BatchTracing tracing) {
        Properties consumerProps = KafkaSettings.consumer(env, config);
        StartingClients.Clients clients;
        try {
            clients = StartingClients.build(env, settings, consumerProps, KafkaSettings.producer(env, config));
        } catch (StartingClients.StartFailure e) {
            LOG.errorf("cannot start: %s", e.getMessage());
            return StreamIngestor.EXIT_FAILED;
        }
        try (MongoClient mongo = clients.mongo()) {
            MongoCollection<Document> collection = mongo.getDatabase(env.database())
                    .getCollection(config.wrangle().collection())
                    .withCodecRegistry(DirectDocumentCodec.registryOver(settings.getCodecRegistry()));
            KafkaConsumer<byte[], byte[]> consumer = clients.consumer();
            KafkaProducer<byte[], byte[]> producer = clients.producer();
            MessageWrangler wrangler = new MessageWrangler(new RecordWrangler(config.wrangle()), config.maxMessageBytes(),
                    env.instanceId());
            int writers = Math.max(1, Integer.getInteger(WRITERS_PROPERTY, DEFAULT_WRITERS));
            DocumentSink mongoSink = sink(env, config, mongo, settings, collection);
            SinkFanOut fanOut = StreamSink.isMultiSink(sinks) ? SinkSetup.fanOut(sinks, env, config, mongoSink, producer) : null;
            StreamIngestor ingestor = new StreamIngestor(env, wrangler, consumer, producer, fanOut != null ? fanOut : mongoSink,
                    new Backoff(FIRST_RETRY, LONGEST_RETRY), writers,
                    env.quality() == null ? StreamQuality.OFF : new StreamQuality(env.quality(), config.wrangle().collection()),
                    tracing);
            running = ingestor;
            if (stopBeforeStart) {
                ingestor.requestStop();
            }
            LOG.infof("started: tenant=%s topic=%s consumes=%s group=%s instance=%s database=%s collection=%s "
                            + "dlq=%s reports=%s every %s s; %s maxMessageBytes=%d writers=%d; clients built at once (%s)",
                    env.tenant(), env.topic(), env.sourceTopic(), env.groupId(), env.instanceId(), env.database(),
                    config.wrangle().collection(), env.dlqTopic(), env.reportTopic(), env.reportIntervalSeconds(),
                    KafkaSettings.describe(consumerProps), config.maxMessageBytes(), writers, clients.timings());
            if (fanOut != null) {
                LOG.infof("sinks: %s", sinks);
            }
            int code;
            try {
                code = ingestor.run();
            } finally {
                if (fanOut != null) {
                    fanOut.close();
                }
            }
            LOG.infof("stopped (exit code %d)", code);
            return code;
        }
    }

    /**
     * The main collection's writer (documents encoded to BSON by the app, {@link RawBsonSink}); with quality
     * rules, quarantined documents go to {@code <collection>_quarantine}.
     */
    private static DocumentSink sink(StreamEnvironment env, StreamAppConfig config, MongoClient mongo,
                                     MongoClientSettings settings, MongoCollection<Document> collection) {
        DocumentSink main = RawBsonSink.over(collection);
        if (env.quality() == null || env.quality().toDlq()) {
            return main;
        }
        MongoCollection<Document> quarantine = mongo.getDatabase(env.database())
                .getCollection(Quarantine.collection(config.wrangle().collection()))
                .withCodecRegistry(DirectDocumentCodec.registryOver(settings.getCodecRegistry()));
        return new QuarantineRouting(main, RawBsonSink.over(quarantine));
    }

    /**
     * The signal replaces the JVM's default handler, which would start the shutdown hooks at once:
     * Quarkus would then stop while the batch is being written, and the JVM would exit with 143.
     * Instead the loop stops after the batch in hand, {@link #run} returns, and Quarkus exits 0.
     */
    private static void stopOnSignal(String name) {
        try {
            Signal.handle(new Signal(name), signal -> {
                LOG.infof("SIG%s: finishing the batches in hand, committing, reporting, then exiting", name);
                stopBeforeStart = true;
                StreamIngestor ingestor = running;
                if (ingestor != null) {
                    ingestor.requestStop();
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.debugf("cannot handle SIG%s here (%s); the JVM's default applies", name, e.getMessage());
        }
    }

    /** Another way in (e.g. Quarkus.asyncExit): still let the loop finish its batch first. */
    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        StreamIngestor ingestor = running;
        if (ingestor != null) {
            ingestor.requestStop();
            if (!ingestor.awaitFinished(SHUTDOWN_WAIT)) {
                LOG.warnf("the loop did not finish within %s s; stopping anyway (uncommitted messages will be consumed again)",
                        SHUTDOWN_WAIT.toSeconds());
            }
        }
    }

    static MongoClientSettings clientSettings(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
        if (connection.getApplicationName() == null) {
            settings.applicationName(APP_NAME);
        }
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(DEFAULT_SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
        }
        if (connection.getSocketTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.readTimeout(DEFAULT_SOCKET_READ_SECONDS, TimeUnit.SECONDS));
        }
        return settings.build();
    }
}
