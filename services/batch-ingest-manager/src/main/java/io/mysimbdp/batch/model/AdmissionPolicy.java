package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.profile.ByteSize;
import io.mysimbdp.common.profile.TenantProfile;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Admits or refuses a staged file against its tenant's profile, on metadata only (name, size,
 * a sniff of the first bytes) and the tenant's current usage. Pure: the same inputs always give
 * the same verdict. Rules are checked in a fixed order so the reason is predictable.
 */
public final class AdmissionPolicy {
    /** Longer names break tools and Kubernetes sub-paths; 200 bytes leaves room for suffixes. */
    public static final int MAX_NAME_BYTES = 200;

    private AdmissionPolicy() {
    }

    public static Verdict decide(TenantProfile profile, FileFacts file, TenantUsage usage) {
        var c = profile.constraints();
        String nameProblem = nameProblem(file.name());
        if (nameProblem != null) {
            return new Verdict.Refused("safe-name", "no control characters, no leading '-', at most " + MAX_NAME_BYTES + " bytes",
                    file.name(), "file name " + nameProblem);
        }
        if (file.symlink()) {
            return new Verdict.Refused("no-symlink", "regular files only", "symbolic link",
                    "'" + file.name() + "' is a symbolic link; stage the file itself");
        }
        String ext = file.extension();
        if (!c.fileTypes().contains(ext)) {
            return new Verdict.Refused("file-type", c.fileTypes(), ext.isEmpty() ? "(no extension)" : ext,
                    "type '" + ext + "' is not accepted for tenant '" + profile.tenant() + "' (accepted: " + String.join(", ", c.fileTypes()) + ")");
        }
        Verdict.Refused encryption = EncryptionAdmission.beforeContent(profile, file);
        if (encryption != null) {
            return encryption;
        }
        if (file.sniff() == FileFacts.Sniff.EMPTY || file.size() == 0) {
            return new Verdict.Refused("non-empty", "> 0 bytes", 0, "'" + file.name() + "' is empty");
        }
        String contentProblem = file.encrypted() ? EncryptionAdmission.contentProblem(file) : contentProblem(ext, file.sniff());
        if (contentProblem != null) {
            return new Verdict.Refused("content-type", file.encrypted() ? "encrypted " + ext : ext,
                    file.sniff().name().toLowerCase(), contentProblem);
        }
        encryption = EncryptionAdmission.header(profile, file);
        if (encryption != null) {
            return encryption;
        }
        if (file.size() > c.maxFileSize()) {
            return new Verdict.Refused("max-file-size", c.maxFileSize(), file.size(),
                    "'" + file.name() + "' is " + ByteSize.format(file.size()) + ", over the limit of " + ByteSize.format(c.maxFileSize()));
        }
        if (usage.pendingFiles() + 1 > c.maxStagedFiles()) {
            return new Verdict.Refused("max-staged-files", c.maxStagedFiles(), usage.pendingFiles() + 1,
                    "tenant '" + profile.tenant() + "' already has " + usage.pendingFiles() + " files waiting or in progress (limit "
                            + c.maxStagedFiles() + ")");
        }
        if (usage.bytesLastHour() + file.size() > c.maxBytesPerHour()) {
            return new Verdict.Refused("max-bytes-per-hour", c.maxBytesPerHour(), usage.bytesLastHour() + file.size(),
                    "tenant '" + profile.tenant() + "' would exceed its hourly quota of " + ByteSize.format(c.maxBytesPerHour())
                            + " (" + ByteSize.format(usage.bytesLastHour()) + " admitted in the last hour)");
        }
        Optional<TenantProfile.BatchApp> app = selectApp(profile, file.name());
        if (app.isEmpty()) {
            return new Verdict.Refused("no-app", "an app whose match rule takes the file", file.name(),
                    "none of tenant '" + profile.tenant() + "''s batch apps matches '" + file.name() + "'");
        }
        return new Verdict.Admitted(app.get().name());
    }

    /** The first of the tenant's batch apps whose match rule (types, glob on the name) takes the file. */
    public static Optional<TenantProfile.BatchApp> selectApp(TenantProfile profile, String fileName) {
        String ext = new FileFacts(fileName, 0, false, FileFacts.Sniff.TEXT).extension();
        return profile.batch().apps().stream().filter(app -> {
            var m = app.match();
            boolean typeOk = m.fileTypes().isEmpty() || m.fileTypes().contains(ext);
            boolean nameOk = m.pattern() == null
                    || FileSystems.getDefault().getPathMatcher("glob:" + m.pattern()).matches(Path.of(io.mysimbdp.common.crypto.FileEncryption.plainName(fileName)));
            return typeOk && nameOk;
        }).findFirst();
    }

    public static Optional<TenantProfile.BatchApp> selectAppByName(TenantProfile profile, String app) {
        return profile.batch().apps().stream().filter(a -> a.name().equals(app)).findFirst();
    }

    /** Null when the name is safe to keep, otherwise why not. */
    public static String nameProblem(String name) {
        if (name.startsWith("-")) {
            return "'" + name + "' starts with '-' (tools would read it as an option)";
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "is longer than " + MAX_NAME_BYTES + " bytes";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isISOControl(ch) || ch == '\uFFFD') {
                return "contains a control character or bytes that are not UTF-8 at position " + i;
            }
        }
        return null;
    }

    private static String contentProblem(String ext, FileFacts.Sniff sniff) {
        return switch (ext) {
            case "csv" -> sniff == FileFacts.Sniff.TEXT || sniff == FileFacts.Sniff.JSON ? null
                    : "a .csv file must be UTF-8 text, but its first bytes look " + describe(sniff);
            case "json", "jsonl", "ndjson" -> sniff == FileFacts.Sniff.JSON ? null
                    : "a ." + ext + " file must start with '{' or '[', but its first bytes look " + describe(sniff);
            default -> null;
        };
    }

    static String describe(FileFacts.Sniff sniff) {
        return switch (sniff) {
            case BINARY -> "binary (NUL bytes or invalid UTF-8)";
            case TEXT -> "like plain text";
            case JSON -> "like JSON";
            case ENCRYPTED -> "encrypted (name an encrypted file <name>.<type>" + EncryptedFileFormat.SUFFIX + ")";
            case EMPTY -> "empty";
        };
    }
}
