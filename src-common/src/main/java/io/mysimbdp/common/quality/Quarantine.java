package io.mysimbdp.common.quality;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Records that failed a quality rule, kept in {@code <collection>_quarantine} of the tenant's
 * database instead of the main collection: {@code {_id, failed: [{rule, reason}], record, raw}}.
 * The {@code _id} is the one the record would have had, so a retried file or a re-delivered message
 * meets itself as a duplicate instead of being quarantined twice.
 */
public final class Quarantine {
    public static final String SUFFIX = "_quarantine";
    /** The original text is kept for a human to look at; its start is enough. */
    public static final int MAX_RAW_CHARS = 4096;
    private static final String ID = "_id";

    private Quarantine() {
    }

    public static String collection(String mainCollection) {
        return mainCollection + SUFFIX;
    }

    /**
     * @param wrangled the document as it would have been stored (its {@code _id} becomes the quarantine's)
     * @param raw      the record as read (a CSV line, a message's JSON), or null
     */
    public static Document of(Document wrangled, List<RuleFailure> failures, String raw) {
        List<Document> failed = new ArrayList<>(failures.size());
        for (RuleFailure f : failures) {
            failed.add(new Document("rule", f.rule()).append("reason", f.reason()));
        }
        Document record = new Document(wrangled);
        Object id = record.remove(ID);
        Document quarantined = new Document(ID, id).append("failed", failed).append("record", record);
        if (raw != null) {
            quarantined.append("raw", raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw);
        }
        return quarantined;
    }

    /** The rule names of the failures, e.g. for a DLQ reason. */
    public static String reason(List<RuleFailure> failures) {
        StringBuilder text = new StringBuilder("quality rule(s) failed: ");
        for (int i = 0; i < failures.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(failures.get(i).rule()).append(" (").append(failures.get(i).reason()).append(')');
        }
        return text.toString();
    }
}
