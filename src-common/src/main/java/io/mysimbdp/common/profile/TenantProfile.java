package io.mysimbdp.common.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's service profile: what the platform accepts from the tenant and how it runs the
 * tenant's apps. Missing fields take the documented defaults in the compact constructors;
 * {@link ProfileValidator} checks the values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantProfile(
        /* Tenant id; optional in the document, must equal the file's tenant when given. */
        String tenant,
        /* Higher runs first under the priority policy. */
        Integer priority,
        /* Share of the platform under the weighted-fair policy. */
        Integer weight,
        Constraints constraints,
        Batch batch,
        Stream stream,
        Access access,
        /* Encrypted files: accepted only when present (docs/encrypted-files.md). */
        Encryption encryption,
        /* Data-quality rules (its own file); null: off. */
        Quality quality) {

    public TenantProfile {
        priority = priority == null ? 0 : priority;
        weight = weight == null ? 1 : weight;
        constraints = constraints == null ? Constraints.defaults() : constraints;
        batch = batch == null ? Batch.defaults() : batch;
    }

    public TenantProfile withTenant(String id) {
        return new TenantProfile(id, priority, weight, constraints, batch, stream, access, encryption, quality);
    }

    /** What a tenant may stage: checked on metadata only, before any app runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Constraints(
            List<String> fileTypes,
            Integer maxStagedFiles,
            @JsonDeserialize(using = ProfileFieldDeserializers.Size.class) Long maxFileSize,
            @JsonDeserialize(using = ProfileFieldDeserializers.Size.class) Long maxBytesPerHour,
            Integer maxConcurrentJobs,
            /* Bytes staged or in progress at once (uploads are refused past it before their bytes are read). */
            @JsonDeserialize(using = ProfileFieldDeserializers.Size.class) Long maxStagedBytes) {

        public static final List<String> DEFAULT_FILE_TYPES = List.of("csv", "json");
        public static final int DEFAULT_MAX_STAGED_FILES = 100;
        public static final long DEFAULT_MAX_FILE_SIZE = 1L << 30;
        public static final long DEFAULT_MAX_BYTES_PER_HOUR = 10L << 30;
        public static final int DEFAULT_MAX_CONCURRENT_JOBS = 2;
        public static final long DEFAULT_MAX_STAGED_BYTES = 20L << 30;

        public Constraints {
            fileTypes = fileTypes == null ? DEFAULT_FILE_TYPES
                    : fileTypes.stream().map(t -> t == null ? "" : t.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).toList();
            maxStagedFiles = maxStagedFiles == null ? DEFAULT_MAX_STAGED_FILES : maxStagedFiles;
            maxFileSize = maxFileSize == null ? DEFAULT_MAX_FILE_SIZE : maxFileSize;
            maxBytesPerHour = maxBytesPerHour == null ? DEFAULT_MAX_BYTES_PER_HOUR : maxBytesPerHour;
            maxConcurrentJobs = maxConcurrentJobs == null ? DEFAULT_MAX_CONCURRENT_JOBS : maxConcurrentJobs;
            maxStagedBytes = maxStagedBytes == null ? DEFAULT_MAX_STAGED_BYTES : maxStagedBytes;
        }

        public Constraints(List<String> fileTypes, Integer maxStagedFiles, Long maxFileSize, Long maxBytesPerHour, Integer maxConcurrentJobs) {
            this(fileTypes, maxStagedFiles, maxFileSize, maxBytesPerHour, maxConcurrentJobs, null);
        }

        public static Constraints defaults() {
            return new Constraints(null, null, null, null, null, null);
        }
    }

    /** When and with which apps the tenant's staged files are ingested. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Batch(Schedule schedule, List<BatchApp> apps, Boolean archiveInputs,
                        /* How long and how much of invalid/, failed/, results/, archive/ and logs/ is kept; null fields: the platform's defaults. */
                        Retention retention) {
        public Batch {
            schedule = schedule == null ? Schedule.defaults() : schedule;
            apps = apps == null || apps.isEmpty() ? List.of(BatchApp.platformDefault()) : apps;
            archiveInputs = archiveInputs != null && archiveInputs;
            retention = retention == null ? Retention.platformDefaults() : retention;
        }

        public Batch(Schedule schedule, List<BatchApp> apps, Boolean archiveInputs) {
            this(schedule, apps, archiveInputs, null);
        }

        public static Batch defaults() {
            return new Batch(null, null, null, null);
        }
    }

    /**
     * Per area of the tenant's kept files (invalid/, failed/, results/, archive/, logs/): entries older than
     * {@code maxAge} are pruned, then the oldest until the area holds at most {@code maxBytes}. A null field
     * takes the platform's default (mysimbdp.batch.retention.*).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(@JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration maxAge,
                            @JsonDeserialize(using = ProfileFieldDeserializers.Size.class) Long maxBytes) {
        public static Retention platformDefaults() {
            return new Retention(null, null);
        }
    }

    /** {@code on-arrival} (after a batching window) or {@code cron} (a Quartz cron expression). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String mode,
                           @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration batchingWindow,
                           String cron,
                           /* A staged file is taken once its size and mtime were unchanged this long; null: the platform's (mysimbdp.batch.quiet-period). */
                           @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration quietPeriod) {
        public static final String ON_ARRIVAL = "on-arrival";
        public static final String CRON = "cron";
        public static final Duration DEFAULT_BATCHING_WINDOW = Duration.ofSeconds(2);

        public Schedule {
            mode = mode == null ? (cron == null ? ON_ARRIVAL : CRON) : mode;
            batchingWindow = batchingWindow == null ? DEFAULT_BATCHING_WINDOW : batchingWindow;
        }

        public Schedule(String mode, Duration batchingWindow, String cron) {
            this(mode, batchingWindow, cron, null);
        }

        public static Schedule defaults() {
            return new Schedule(null, null, null, null);
        }
    }

    /** One of the tenant's batch apps: a black box the platform runs with the batch app contract. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchApp(
            String name,
            Match match,
            /* Local runtime: the command, relative paths resolved against the platform home. */
            List<String> command,
            /* Kubernetes runtime: the container image. */
            String image,
            Resources resources,
            @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration timeout,
            Integer maxConcurrent,
            Integer maxAttempts,
            /* Handed to the app as MYSIMBDP_APP_CONFIG (JSON); the platform never reads it. */
            JsonNode config) {

        public static final String DEFAULT_NAME = "clientbatchingestapp";
        public static final List<String> DEFAULT_COMMAND = List.of("tenant-apps/clientbatchingestapp/bin/clientbatchingestapp");
        public static final String DEFAULT_IMAGE = "mysimbdp/clientbatchingestapp";
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
        public static final int DEFAULT_MAX_CONCURRENT = 1;
        public static final int DEFAULT_MAX_ATTEMPTS = 3;

        public BatchApp {
            name = name == null ? DEFAULT_NAME : name;
            match = match == null ? Match.any() : match;
            command = command == null && image == null ? DEFAULT_COMMAND : command;
            image = image == null ? DEFAULT_IMAGE : image;
            resources = resources == null ? Resources.defaults() : resources;
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
            maxConcurrent = maxConcurrent == null ? DEFAULT_MAX_CONCURRENT : maxConcurrent;
            maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
            config = config == null ? JsonNodeFactory.instance.objectNode() : config;
        }

        public static BatchApp platformDefault() {
            return new BatchApp(null, null, null, null, null, null, null, null, null);
        }
    }

    /** Which staged files an app takes: by type and/or by a glob on the file name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(List<String> fileTypes, String pattern) {
        public Match {
            fileTypes = fileTypes == null ? List.of()
                    : fileTypes.stream().map(t -> t == null ? "" : t.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).toList();
        }

        public static Match any() {
            return new Match(null, null);
        }
    }

    /** Declared needs of an app, as Kubernetes quantities: requests, and limits (default: the requests). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(String cpu, String memory, String cpuLimit, String memoryLimit) {
        public static final String DEFAULT_CPU = "500m";
        public static final String DEFAULT_MEMORY = "512Mi";

        public Resources {
            cpu = cpu == null ? DEFAULT_CPU : cpu;
            memory = memory == null ? DEFAULT_MEMORY : memory;
            cpuLimit = cpuLimit == null ? cpu : cpuLimit;
            memoryLimit = memoryLimit == null ? memory : memoryLimit;
        }

        public static Resources defaults() {
            return new Resources(null, null, null, null);
        }
    }

    /** Near-realtime ingestion: the tenant's topics and the stream app that consumes them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stream(List<Topic> topics, StreamApp app, Scaling scaling,
                         /* Where the wrangled records go (StreamSink); default: the tenant database only. */
                         List<StreamSink> sinks) {
        public Stream {
            topics = topics == null ? List.of() : topics;
            app = app == null ? StreamApp.platformDefault() : app;
            scaling = scaling == null ? Scaling.defaults() : scaling;
            sinks = sinks == null || sinks.isEmpty() ? StreamSink.defaults() : sinks;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Topic(String name, Integer partitions,
                        @JsonDeserialize(using = ProfileFieldDeserializers.Size.class) Long maxBytesPerSecond) {
        public Topic {
            partitions = partitions == null ? 0 : partitions;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamApp(List<String> command, String image, Integer minInstances, Integer maxInstances,
                            Resources resources,
                            @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration reportInterval,
                            JsonNode config,
                            /* with minInstances 0: stop every instance after this long without lag or new messages (null: never) */
                            @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration scaleToZeroAfter) {
        public static final List<String> DEFAULT_COMMAND = List.of("tenant-apps/clientstreamingestapp/bin/clientstreamingestapp");
        public static final String DEFAULT_IMAGE = "mysimbdp/clientstreamingestapp";

        public StreamApp {
            command = command == null && image == null ? DEFAULT_COMMAND : command;
            image = image == null ? DEFAULT_IMAGE : image;
            minInstances = minInstances == null ? 1 : minInstances;
            maxInstances = maxInstances == null ? Math.max(1, minInstances) : maxInstances;
            resources = resources == null ? Resources.defaults() : resources;
            reportInterval = reportInterval == null ? Duration.ofSeconds(10) : reportInterval;
            config = config == null ? JsonNodeFactory.instance.objectNode() : config;
        }

        /** An app that never scales to zero. */
        public StreamApp(List<String> command, String image, Integer minInstances, Integer maxInstances, Resources resources,
                         Duration reportInterval, JsonNode config) {
            this(command, image, minInstances, maxInstances, resources, reportInterval, config, null);
        }

        public static StreamApp platformDefault() {
            return new StreamApp(null, null, null, null, null, null, null, null);
        }
    }

    /** Thresholds the stream monitor evaluates over a window of reports, with a cooldown between steps. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scaling(Long scaleOutLag, Double scaleOutAvgIngestionTimeMs, Long scaleInLag,
                          Integer windowReports,
                          @JsonDeserialize(using = ProfileFieldDeserializers.Time.class) Duration cooldown,
                          Double maxErrorRate) {
        public Scaling {
            maxErrorRate = maxErrorRate == null ? 0.1 : maxErrorRate;
            scaleOutLag = scaleOutLag == null ? 10_000L : scaleOutLag;
            scaleInLag = scaleInLag == null ? 100L : scaleInLag;
            windowReports = windowReports == null ? 3 : windowReports;
            cooldown = cooldown == null ? Duration.ofSeconds(60) : cooldown;
        }

        public static Scaling defaults() {
            return new Scaling(null, null, null, null, null, null);
        }
    }

    /** Tenant API access: the SHA-256 (hex) of the tenant's API key; the key itself is never stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Access(String apiKeySha256) {
    }

    /** Convenience for callers that only need the tenant's profile-declared map form. */
    public Map<String, Object> summary() {
        return Map.of("tenant", tenant, "priority", priority, "weight", weight,
                "fileTypes", constraints.fileTypes(), "maxStagedFiles", constraints.maxStagedFiles(),
                "maxFileSize", constraints.maxFileSize(), "apps", batch.apps().stream().map(BatchApp::name).toList());
    }
}
