package io.mysimbdp.apps.batch.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.MongoException;
import io.mysimbdp.apps.batch.read.SourceRecord;
import io.mysimbdp.apps.batch.write.BatchWriter;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.quality.QualityTally;
import io.mysimbdp.common.quality.Quarantine;
import io.mysimbdp.common.quality.RuleFailure;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant's quality rules applied to one job's files ({@code MYSIMBDP_QUALITY_RULES}; off when
 * unset): a wrangled record that fails a rule goes to {@code <collection>_quarantine} instead of the
 * main collection, each file's figures go to result.json (the batch manager writes the file's row of
 * {@code mysimbdp_platform.quality} from it: the app writes nothing of the platform's).
 * Quarantined records are few, so they are written from the parsing thread, a batch at a time.
 */
public final class FileQuality {
    public static final FileQuality OFF = new FileQuality(null, null, 0);

    private final QualityRules rules;
    private final BatchWriter quarantine;
    private final int batchSize;

    /** @param quarantine writes to {@code <collection>_quarantine} (the app: {@code RawBsonBulkWriter::insert}) */
    public FileQuality(QualityRules rules, BatchWriter quarantine, int batchSize) {
        this.rules = rules;
        this.quarantine = quarantine;
        this.batchSize = batchSize;
    }

    boolean on() {
        return rules != null;
    }

    /** A file's entry {@code quality} in result.json. */
    public record Report(@JsonProperty("records") long records, @JsonProperty("good") long good,
                  @JsonProperty("quarantined") long quarantined, @JsonProperty("good_share") double goodShare,
                  @JsonProperty("min_good_share") double minGoodShare, @JsonProperty("flagged") boolean flagged,
                  @JsonProperty("failures") Map<String, Long> failures, @JsonProperty("quarantine") String quarantine) {
        static Report of(BatchQuality q, long quarantined, String collection) {
            return new Report(q.records(), q.good(), quarantined, q.goodShare(), q.minGoodShare(), q.flagged(),
                    q.failuresByRule(), collection);
        }
    }

    /** One file's gate; the parsing thread's alone. */
    public Gate start(String collection) {
        return new Gate(collection);
    }

    public final class Gate {
        private final String collection;
        private final QualityTally tally;
        private final List<Document> held = new ArrayList<>();
        private long quarantined;
        private String failure;

        private Gate(String collection) {
            this.collection = Quarantine.collection(collection);
            this.tally = on() ? new QualityTally(rules.minGoodShare()) : null;
        }

        /**
         * @return null when the document may go to the main collection; else why it was quarantined
         */
        public String check(Document document, SourceRecord record) {
            if (!on()) {
                return null;
            }
            List<RuleFailure> failures = rules.check(document);
            tally.checked(failures);
            if (failures.isEmpty()) {
                return null;
            }
            quarantined++;
            held.add(Quarantine.of(document, failures, record.raw().get()));
            if (held.size() >= batchSize) {
                flush();
            }
            return Quarantine.reason(failures);
        }

        /** A record the wrangler refused: bad for quality too. */
        public void unwrangled() {
            if (on()) {
                tally.unwrangled();
            }
        }

        public boolean failed() {
            return failure != null;
        }

        /** Writes what is held; why the quarantine could not be written (the file then fails), or null. */
        public String failure() {
            flush();
            return failure;
        }

        private void flush() {
            if (held.isEmpty() || failure != null) {
                return;
            }
            try {
                IdempotentBulkWriter.Outcome outcome = quarantine.insert(held);
                if (outcome.failed() > 0) {
                    failure = "the store refused a quarantined record of " + collection + ": E"
                            + outcome.failures().get(0).code() + " " + outcome.failures().get(0).reason();
                }
            } catch (MongoException e) {
                failure = "cannot write to " + collection + ": " + e.getMessage();
            }
            held.clear();
        }

        long quarantined() {
            return quarantined;
        }

        /** The file's figures for result.json, after it was ingested; null when quality is off. */
        public Report finish() {
            if (!on()) {
                return null;
            }
            return Report.of(tally.result(), quarantined, collection);
        }
    }
}
