package io.mysimbdp.apps.batch;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.apps.batch.quality.FileQuality;
import io.mysimbdp.apps.batch.quality.RejectsLog;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.quality.Quarantine;
import io.mysimbdp.common.runtime.BatchAppExit;
import io.mysimbdp.common.store.DirectDocumentCodec;
import io.mysimbdp.common.store.RawBsonBulkWriter;
import io.mysimbdp.common.wrangle.WrangleConfig;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The example batch app: a black box following docs/tenant-app-contract.md. No arguments; the
 * environment says which files, which store and which wrangling. Every regular file of the input
 * directory is ingested; result.json and rejects.jsonl go to the output directory.
 *
 * <p>Exit codes: {@value #EXIT_OK} every file ok; {@value #EXIT_FILES_FAILED} at least one file
 * failed (see result.json); {@value #EXIT_UNUSABLE} the run could not start (environment or config
 * unusable; result.json still lists every file as failed when the directories are usable);
 * {@value BatchAppExit#STORE_UNAVAILABLE} every file that failed did so only because of the
 * store's trouble (the manager retries without counting the attempt).
 */
public final class ClientBatchIngestApp {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FILES_FAILED = 1;
    public static final int EXIT_UNUSABLE = 2;
    /** Writer threads; a system property so a benchmark can try other values without a rebuild. */
    static final String WRITERS_PROPERTY = "clientbatchingestapp.writers";
    /**
     * Two writers keep one insertMany on the wire while the next is being encoded; more only
     * contend for the store (recipes.md: 1-4 writers measured, little gain past 2).
     */
    static final int DEFAULT_WRITERS = 2;
    /** Files of the job ingested at once; a system property like {@link #WRITERS_PROPERTY}. */
    static final String FILES_PROPERTY = "clientbatchingestapp.files";
    /**
     * Two files at once: while one waits for its insertMany or quality row, the other parses. With
     * the store on the same two cores, 1, 2 and 4 measured about equal (docs/performance.md).
     */
    static final int DEFAULT_FILES = 2;
    /** Batches waiting per writer, so a writer never idles while the parser fills the next batch. */
    static final int QUEUED_BATCHES_PER_WRITER = 1;
    /**
     * The driver waits 30 s for a server by default; a job that cannot reach its store should
     * fail sooner. A {@code serverSelectionTimeoutMS} in the URI wins.
     */
    static final int DEFAULT_SERVER_SELECTION_SECONDS = 10;
    private static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    /** Held so the level set on it is not lost when the logger is garbage-collected. */
    private static final Logger DRIVER_LOG = Logger.getLogger("org.mongodb.driver");

    private ClientBatchIngestApp() {
    }

    public static void main(String[] args) {
        // The driver logs through SLF4J when its API is on the class path (src-common brings it)
        // and this app ships no provider: SLF4J would print three "no providers" warnings to
        // every job's stderr. Without the API the driver notes once through java.util.logging
        // that its logging is off. Neither is a problem of the job; keep its log to what is.
        System.setProperty(SLF4J_VERBOSITY_PROPERTY, "ERROR");
        DRIVER_LOG.setLevel(Level.WARNING);
        System.exit(run(System.getenv()));
    }

    /** Runs one ingestion attempt and returns the exit code; tests call this with their own env. */
    public static int run(Map<String, String> env) {
        Instant startedAt = Instant.now();
        AppEnvironment environment;
        try {
            environment = AppEnvironment.from(env);
        } catch (io.mysimbdp.common.runtime.ContractEnvironment.EnvironmentException e) {
            return unusableEnvironment(env, startedAt, "environment: " + e.getMessage());
        }
        List<Path> files;
        try {
            files = InputFiles.list(environment.inputDir());
        } catch (IOException e) {
            JobLog.runProblem(environment.tenant(), environment.ingestionId(), "cannot list the input directory: " + e);
            return EXIT_UNUSABLE;
        }
        WrangleConfig config;
        try {
            config = WrangleConfig.parse(environment.appConfig());
        } catch (WrangleConfig.ConfigException e) {
            return notIngested(environment, startedAt, files, null, "invalid " + AppEnvironment.APP_CONFIG + ": " + e.getMessage());
        }
        int fileThreads;
        try {
            fileThreads = fileThreads(System.getProperty(FILES_PROPERTY));
        } catch (IllegalArgumentException e) {
            return notIngested(environment, startedAt, files, config.collection(), e.getMessage());
        }
        MongoClientSettings settings;
        try {
            settings = clientSettings(environment.mongoUri());
        } catch (IllegalArgumentException e) {
            return notIngested(environment, startedAt, files, config.collection(),
                    "invalid " + AppEnvironment.MONGODB_URI + ": " + e.getMessage());
        }
        return ingest(environment, config, settings, files, fileThreads, startedAt);
    }

    /** How many files to ingest at once, from the {@value #FILES_PROPERTY} property (null: the default). */
    static int fileThreads(String value) {
        if (value == null) {
            return DEFAULT_FILES;
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid system property " + FILES_PROPERTY + " '" + value
                + "': expected an integer >= 1 (files ingested at once)");
    }

    private static int ingest(AppEnvironment environment, WrangleConfig config, MongoClientSettings settings,
                              List<Path> files, int fileThreads, Instant startedAt) {
        int writerCount = Integer.getInteger(WRITERS_PROPERTY, DEFAULT_WRITERS);
        ExecutorService writers = Executors.newFixedThreadPool(writerCount, daemonThreads("batch-writer-"));
        List<IngestionResult.FileResult> results;
        java.util.Set<String> storeBlocked;
        try (MongoClient client = MongoClients.create(settings);
             RejectsLog rejects = new RejectsLog(environment.outputDir())) {
            // Documents are encoded to BSON by the writers themselves (RawBsonBulkWriter); the codec is the fallback.
            MongoCollection<Document> collection = client.getDatabase(environment.database())
                    .getCollection(config.collection())
                    .withCodecRegistry(DirectDocumentCodec.registryOver(settings.getCodecRegistry()));
            // One bound for all files at once: memory follows the batch size, not the file count.
            Semaphore batchSlots = new Semaphore(writerCount * (1 + QUEUED_BATCHES_PER_WRITER));
            FileIngestor ingestor = new FileIngestor(config, environment.ingestionId(),
                    new RawBsonBulkWriter(collection)::insert, writers, batchSlots, rejects,
                    environment.keysDir() == null ? null : new KeyDirectory(environment.keysDir(), environment.tenant()),
                    fileQuality(environment, config, client, settings));
            ParallelFiles parallel = new ParallelFiles(ingestor, config.collection(), fileThreads);
            results = parallel.ingest(files, result -> JobLog.file(environment, result));
            storeBlocked = parallel.storeBlocked();
        } catch (IOException | UncheckedIOException e) {
            JobLog.runProblem(environment.tenant(), environment.ingestionId(), "cannot write to the output directory: " + e);
            return EXIT_UNUSABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            JobLog.runProblem(environment.tenant(), environment.ingestionId(), "interrupted");
            return EXIT_FILES_FAILED;
        } finally {
            writers.shutdownNow();
        }
        return finish(environment, startedAt, results, failureExit(results, storeBlocked));
    }

    /**
     * The exit code of an attempt with failed files: {@value BatchAppExit#STORE_UNAVAILABLE} when every
     * failed file failed only because of the store, so the manager retries without counting it. Pure.
     */
    static int failureExit(List<IngestionResult.FileResult> results, java.util.Set<String> storeBlocked) {
        boolean anyFailed = false;
        for (IngestionResult.FileResult result : results) {
            if (!IngestionResult.STATUS_OK.equals(result.status())) {
                anyFailed = true;
                if (!storeBlocked.contains(result.file())) {
                    return EXIT_FILES_FAILED;
                }
            }
        }
        return anyFailed ? BatchAppExit.STORE_UNAVAILABLE : EXIT_FILES_FAILED;
    }

    private static FileQuality fileQuality(AppEnvironment environment, WrangleConfig config, MongoClient client,
                                           MongoClientSettings settings) {
        if (environment.quality() == null) {
            return FileQuality.OFF;
        }
        MongoCollection<Document> quarantine = client.getDatabase(environment.database())
                .getCollection(Quarantine.collection(config.collection()))
                .withCodecRegistry(DirectDocumentCodec.registryOver(settings.getCodecRegistry()));
        return new FileQuality(environment.quality(), new RawBsonBulkWriter(quarantine)::insert, config.batchSize());
    }

    static MongoClientSettings clientSettings(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
        if (connection.getApplicationName() == null) {
            settings.applicationName(IngestionResult.APP_NAME);
        }
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(DEFAULT_SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
        }
        return settings.build();
    }

    /** Every file failed for the same reason before any was read. */
    private static int notIngested(AppEnvironment environment, Instant startedAt, List<Path> files, String collection,
                                   String reason) {
        List<IngestionResult.FileResult> results = new ArrayList<>();
        for (Path file : files) {
            IngestionResult.FileResult result = IngestionResult.FileResult.notIngested(file.getFileName().toString(),
                    collection, reason, Instant.now());
            results.add(result);
            JobLog.file(environment, result);
        }
        if (files.isEmpty()) {
            JobLog.runProblem(environment.tenant(), environment.ingestionId(), reason);
        }
        int code = finish(environment, startedAt, results, EXIT_UNUSABLE);
        return code == EXIT_OK ? EXIT_UNUSABLE : code;
    }

    /** The environment is unusable; still leave a result.json naming every file when we can. */
    private static int unusableEnvironment(Map<String, String> env, Instant startedAt, String reason) {
        String tenant = env.get(AppEnvironment.TENANT);
        String ingestionId = env.get(AppEnvironment.INGESTION_ID);
        JobLog.runProblem(tenant, ingestionId, reason);
        String input = env.get(AppEnvironment.INPUT_DIR);
        String output = env.get(AppEnvironment.OUTPUT_DIR);
        if (input == null || output == null || !Files.isDirectory(Path.of(input)) || !Files.isDirectory(Path.of(output))) {
            return EXIT_UNUSABLE;
        }
        try {
            List<IngestionResult.FileResult> results = new ArrayList<>();
            for (Path file : InputFiles.list(Path.of(input))) {
                results.add(IngestionResult.FileResult.notIngested(file.getFileName().toString(), null, reason, Instant.now()));
            }
            IngestionResult.of(tenant, ingestionId, startedAt, Instant.now(), results).writeTo(Path.of(output));
        } catch (IOException | RuntimeException e) {
            JobLog.runProblem(tenant, ingestionId, "cannot write " + IngestionResult.FILE_NAME + ": " + e);
        }
        return EXIT_UNUSABLE;
    }

    /** Writes result.json; exit 0 only when every file is ok. */
    private static int finish(AppEnvironment environment, Instant startedAt, List<IngestionResult.FileResult> results,
                              int failureCode) {
        IngestionResult result = IngestionResult.of(environment.tenant(), environment.ingestionId(), startedAt,
                Instant.now(), results);
        try {
            result.writeTo(environment.outputDir());
        } catch (IOException e) {
            JobLog.runProblem(environment.tenant(), environment.ingestionId(), "cannot write " + IngestionResult.FILE_NAME + ": " + e);
            return EXIT_UNUSABLE;
        }
        return result.allOk() ? EXIT_OK : failureCode;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // never keep the JVM alive after main returns
            return thread;
        };
    }
}
