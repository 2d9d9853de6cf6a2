package io.mysimbdp.common.profile;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.FileEncryption;
import io.mysimbdp.common.naming.TenantNames;

import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a parsed profile's values; every problem names its field. Pure. */
public final class ProfileValidator {
    /** A longer quiet period would hold every file of the tenant that long. */
    public static final Duration MAX_QUIET_PERIOD = Duration.ofMinutes(10);
    /** Kubernetes quantities the scheduler understands: 500m, 2, 0.5 / 512Mi, 1Gi, 1G, 1000000. */
    static final Pattern CPU = Pattern.compile("\\d+(\\.\\d+)?m?");
    static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?");
    static final Pattern APP_NAME = TenantNames.TOPIC_NAME;
    static final Set<String> KNOWN_FILE_TYPES = Set.of("csv", "json", "jsonl", "ndjson");

    private ProfileValidator() {
    }

    public static List<ProfileError> validate(String tenant, String source, TenantProfile p) {
        List<ProfileError> errors = new ArrayList<>();
        ProfileChecks.Errors e = (field, problem) -> errors.add(new ProfileError(tenant, source, field, problem));

        String idProblem = TenantNames.tenantIdProblem(tenant);
        if (idProblem != null) {
            e.add("tenant", "tenant id " + idProblem);
        }
        if (p.tenant() != null && !p.tenant().equals(tenant)) {
            e.add("tenant", "names '" + p.tenant() + "' but this profile belongs to '" + tenant
                    + "' (a profile can only describe its own tenant)");
        }
        if (p.weight() < 1) {
            e.add("weight", "must be at least 1 (got " + p.weight() + ")");
        }
        var c = p.constraints();
        if (c.fileTypes().isEmpty()) {
            e.add("constraints.fileTypes", "must list at least one file type");
        }
        for (int i = 0; i < c.fileTypes().size(); i++) {
            if (FileEncryption.of("x." + c.fileTypes().get(i)) != FileEncryption.PLAIN) {
                e.add("constraints.fileTypes[" + i + "]", "'" + c.fileTypes().get(i) + "' is not a data type: list the inner type (a data.csv"
                        + "." + c.fileTypes().get(i) + " is csv)"
                        + " and accept encrypted files with the 'encryption' section");
            } else if (!KNOWN_FILE_TYPES.contains(c.fileTypes().get(i))) {
                e.add("constraints.fileTypes[" + i + "]", "'" + c.fileTypes().get(i) + "' is not a supported type " + KNOWN_FILE_TYPES);
            }
        }
        ProfileChecks.positive(e, "constraints.maxStagedFiles", c.maxStagedFiles());
        ProfileChecks.positive(e, "constraints.maxFileSize", c.maxFileSize());
        ProfileChecks.positive(e, "constraints.maxBytesPerHour", c.maxBytesPerHour());
        ProfileChecks.positive(e, "constraints.maxConcurrentJobs", c.maxConcurrentJobs());
        ProfileChecks.positive(e, "constraints.maxStagedBytes", c.maxStagedBytes());

        var s = p.batch().schedule();
        if (!TenantProfile.Schedule.ON_ARRIVAL.equals(s.mode()) && !TenantProfile.Schedule.CRON.equals(s.mode())) {
            e.add("batch.schedule.mode", "must be 'on-arrival' or 'cron' (got '" + s.mode() + "')");
        }
        if (TenantProfile.Schedule.CRON.equals(s.mode()) && (s.cron() == null || s.cron().isBlank())) {
            e.add("batch.schedule.cron", "is required when mode is 'cron' (a Quartz expression such as '0 */5 * * * ?')");
        }
        if (s.cron() != null && !s.cron().isBlank()) {
            String cronProblem = CronSchedule.problem(s.cron());
            if (cronProblem != null) {
                e.add("batch.schedule.cron", cronProblem);
            }
        }
        if (s.batchingWindow().isNegative()) {
            e.add("batch.schedule.batchingWindow", "must not be negative");
        }
        if (s.quietPeriod() != null && (s.quietPeriod().isNegative() || s.quietPeriod().compareTo(MAX_QUIET_PERIOD) > 0)) {
            e.add("batch.schedule.quietPeriod", "must be between 0 and " + MAX_QUIET_PERIOD.toMinutes() + "m (got " + s.quietPeriod() + ")");
        }
        var r = p.batch().retention();
        if (r.maxAge() != null && (r.maxAge().isNegative() || r.maxAge().isZero())) {
            e.add("batch.retention.maxAge", "must be positive (e.g. 7d, 12h)");
        }
        if (r.maxBytes() != null && r.maxBytes() <= 0) {
            e.add("batch.retention.maxBytes", "must be positive (e.g. 500MiB, 2GiB)");
        }
        Set<String> appNames = new HashSet<>();
        for (int i = 0; i < p.batch().apps().size(); i++) {
            var app = p.batch().apps().get(i);
            String f = "batch.apps[" + i + "]";
            if (APP_NAME.matcher(app.name()).matches()) {
                if (!appNames.add(app.name())) {
                    e.add(f + ".name", "'" + app.name() + "' is used by two apps");
                }
            } else {
                e.add(f + ".name", "'" + app.name() + "' must be lower-case letters, digits, '-' or '_'");
            }
            if (app.command() != null && app.command().isEmpty()) {
                e.add(f + ".command", "must not be empty");
            }
            for (int t = 0; t < app.match().fileTypes().size(); t++) {
                String type = app.match().fileTypes().get(t);
                if (!c.fileTypes().contains(type)) {
                    e.add(f + ".match.fileTypes[" + t + "]", "'" + type + "' is not in constraints.fileTypes " + c.fileTypes());
                }
            }
            if (app.match().pattern() != null) {
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + app.match().pattern());
                } catch (RuntimeException ex) {
                    e.add(f + ".match.pattern", "'" + app.match().pattern() + "' is not a glob: " + ex.getMessage());
                }
            }
            ProfileChecks.resources(e, f + ".resources", app.resources());
            ProfileChecks.positiveDuration(e, f + ".timeout", app.timeout());
            ProfileChecks.positive(e, f + ".maxConcurrent", app.maxConcurrent());
            ProfileChecks.positive(e, f + ".maxAttempts", app.maxAttempts());
            if (!app.config().isObject()) {
                e.add(f + ".config", "must be an object");
            } else {
                ProfileChecks.declaredFields(e, f + ".config", app.config());
            }
        }
        if (p.stream() != null) {
            StreamSectionValidator.validate(e, p.stream());
        }
        if (p.access() != null && p.access().apiKeySha256() != null
                && !p.access().apiKeySha256().matches("[0-9a-f]{64}")) {
            e.add("access.apiKeySha256", "must be 64 lower-case hex characters (the SHA-256 of the key, never the key)");
        }
        if (p.encryption() != null) {
            encryption(e, p.encryption());
        }
        if (p.quality() != null) {
            QualityValidator.validate(p.quality()).forEach(q -> e.add(q.field(), q.problem()));
        }
        return errors;
    }

    /** The problems of a sink list as {@code field: problem}, for a stream app checking its MYSIMBDP_SINKS. */
    public static List<String> sinkProblems(List<StreamSink> sinks) {
        List<String> problems = new ArrayList<>();
        StreamSectionValidator.sinks((field, problem) -> problems.add(field + ": " + problem), sinks);
        return problems;
    }

    private static void encryption(ProfileChecks.Errors e, Encryption enc) {
        Set<String> formats = new HashSet<>();
        for (int i = 0; i < enc.formats().size(); i++) {
            String format = enc.formats().get(i);
            if (FileEncryption.byProfileName(format) == null) {
                e.add("encryption.formats[" + i + "]", "'" + format + "' is not a format (" + FileEncryption.MYSIMBDP_ENC1.profileName()
                        + " for .enc files, " + FileEncryption.TINK_STREAMING_AEAD.profileName() + " for .tink files)");
            } else if (!formats.add(format)) {
                e.add("encryption.formats[" + i + "]", "'" + format + "' is listed twice");
            }
        }
        if (enc.formats().isEmpty()) {
            e.add("encryption.formats", "must list at least one format, or be left out for [" + FileEncryption.MYSIMBDP_ENC1.profileName() + "]");
        }
        if (enc.keyIds().isEmpty() && enc.accepts(FileEncryption.MYSIMBDP_ENC1)) {
            e.add("encryption.keyIds", "must list at least one key id (the ids of the tenant's key files, e.g. [key1]) when "
                    + FileEncryption.MYSIMBDP_ENC1.profileName() + " files are accepted");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < enc.keyIds().size(); i++) {
            String id = enc.keyIds().get(i);
            String problem = EncryptedFileFormat.keyIdProblem(id);
            if (problem != null) {
                e.add("encryption.keyIds[" + i + "]", problem);
            } else if (!ids.add(id)) {
                e.add("encryption.keyIds[" + i + "]", "'" + id + "' is listed twice");
            }
        }
    }
}
