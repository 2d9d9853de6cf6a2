package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.ByteSize;
import io.mysimbdp.common.profile.TenantProfile;

import java.util.Locale;

/**
 * Whether an upload may start, decided from its headers and the tenant's usage before a byte of its
 * body is read. Pure. Answers use HTTP statuses: 400 (bad name), 411 (no length), 413 (too large or
 * over quota), 415 (file type), 409 (a file of that name is already staged or arriving).
 */
public final class UploadPolicy {
    /** Prefix of an upload's temporary name in staging: a dotfile ending in .part, which the scanner ignores. */
    public static final String PART_PREFIX = ".upload-";
    public static final String PART_SUFFIX = ".part";

    /** What the tenant has staged: files waiting in staging or in jobs, with uploads in flight reserved. */
    public record Usage(int files, long bytes) {
    }

    /** Null: go ahead. */
    public record Refusal(int status, String rule, String message) {
    }

    private UploadPolicy() {
    }

    public static Refusal decide(TenantProfile profile, String name, long contentLength, Usage usage, boolean nameTaken) {
        var c = profile.constraints();
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            return new Refusal(400, "safe-name", "file name " + nameProblem);
        }
        if (contentLength < 0) {
            return new Refusal(411, "content-length", "send the file's size as Content-Length (chunked uploads are not taken:"
                    + " the size is checked against the quota before any byte is stored)");
        }
        // an encrypted file (<name>.<type>.enc or .tink) is typed by its plain name; admission checks the rest
        String plainExt = extensionOf(io.mysimbdp.common.crypto.FileEncryption.plainName(name));
        if (!c.fileTypes().contains(plainExt)) {
            return new Refusal(415, "file-type", "type '" + plainExt + "' is not accepted for tenant '" + profile.tenant()
                    + "' (accepted: " + String.join(", ", c.fileTypes()) + ")");
        }
        if (contentLength == 0) {
            return new Refusal(400, "non-empty", "'" + name + "' is empty");
        }
        if (contentLength > c.maxFileSize()) {
            return new Refusal(413, "max-file-size", "'" + name + "' is " + ByteSize.format(contentLength) + ", over the limit of "
                    + ByteSize.format(c.maxFileSize()));
        }
        if (usage.files() + 1 > c.maxStagedFiles()) {
            return new Refusal(413, "max-staged-files", "tenant '" + profile.tenant() + "' already has " + usage.files()
                    + " files staged or in progress (constraints.maxStagedFiles: " + c.maxStagedFiles() + ")");
        }
        if (usage.bytes() + contentLength > c.maxStagedBytes()) {
            return new Refusal(413, "max-staged-bytes", "tenant '" + profile.tenant() + "' has " + ByteSize.format(usage.bytes())
                    + " staged or in progress; " + ByteSize.format(contentLength) + " more would pass constraints.maxStagedBytes ("
                    + ByteSize.format(c.maxStagedBytes()) + ")");
        }
        if (nameTaken) {
            return new Refusal(409, "name-taken", "a file named '" + name + "' is already staged or being uploaded for tenant '"
                    + profile.tenant() + "'; wait until it is ingested or choose another name");
        }
        return null;
    }

    private static String extensionOf(String name) {
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Null when the name may become a staged file, otherwise why not. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a plain file name (no folders)";
        }
        if (name.startsWith(".")) {
            return "'" + name + "' starts with '.' (dotfiles are ignored in staging)";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".part") || lower.endsWith(".tmp")) {
            return "'" + name + "' ends with .part or .tmp (names staging ignores)";
        }
        return AdmissionPolicy.nameProblem(name);
    }
}
