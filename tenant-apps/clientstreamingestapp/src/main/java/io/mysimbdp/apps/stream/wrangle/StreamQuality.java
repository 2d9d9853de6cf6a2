package io.mysimbdp.apps.stream.wrangle;

import io.mysimbdp.apps.stream.report.ReportWindow;
import io.mysimbdp.apps.stream.sink.QuarantineRouting;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.quality.QualityTally;
import io.mysimbdp.common.quality.Quarantine;
import io.mysimbdp.common.quality.RuleFailure;
import io.mysimbdp.common.stream.ReportRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The tenant's quality rules applied to the stream app's batches ({@code MYSIMBDP_QUALITY_RULES};
 * off when unset). A wrangled message that fails a rule becomes a {@link Quarantined} document (the
 * {@link QuarantineRouting} sink stores it in {@code <collection>_quarantine}) or, with
 * {@code streamFailures: dlq}, a poison message for the DLQ. Each committed batch's figures go to
 * the report window: the interval's report carries them, and the platform (the monitor) writes the
 * interval's row of {@code mysimbdp_platform.quality} from it. The app writes nothing of the platform's.
 */
public final class StreamQuality {
    public static final StreamQuality OFF = new StreamQuality(null, null);
    static final String FAILURES_TO_DLQ = "dlq";

    private final QualityRules rules;
    private final String collection;

    /** @param collection the main collection (named in the reports) */
    public StreamQuality(QualityRules rules, String collection) {
        this.rules = rules;
        this.collection = collection;
    }

    /** A document for {@code <collection>_quarantine}, told apart from the batch's others by its class. */
    public static final class Quarantined extends Document {
        Quarantined(Document quarantine) {
            super(quarantine);
        }
    }

    /** A tally for one poll's batch; null when quality is off. */
    public QualityTally tally() {
        return rules == null ? null : new QualityTally(rules.minGoodShare());
    }

    /** What becomes of a wrangled message under the rules (counted in {@code tally}). Pure but for the tally. */
    public MessageWrangler.Outcome apply(MessageWrangler.Outcome outcome, byte[] value, QualityTally tally) {
        if (tally == null) {
            return outcome;
        }
        if (!(outcome instanceof MessageWrangler.Accepted accepted)) {
            tally.unwrangled();
            return outcome;
        }
        List<RuleFailure> failures = rules.check(accepted.document());
        tally.checked(failures);
        if (failures.isEmpty()) {
            return outcome;
        }
        if (rules.toDlq()) {
            return new MessageWrangler.Poison(Quarantine.reason(failures));
        }
        return new MessageWrangler.Accepted(new Quarantined(Quarantine.of(accepted.document(), failures,
                new String(value, StandardCharsets.UTF_8))));
    }

    /** A batch is committed: its figures go to the interval's report. */
    public void settled(QualityTally tally, ConsumerRecords<byte[], byte[]> records, ReportWindow window) {
        if (tally == null) {
            return;
        }
        BatchQuality q = tally.result();
        window.quality(q, collection, rules.toDlq() ? FAILURES_TO_DLQ : ReportRecords.FAILURES_TO_QUARANTINE);
    }

    /** {@code 0@120-2119,3@88-90}: the batch's offsets, the same whenever the same messages are polled together. */
    static String ranges(ConsumerRecords<byte[], byte[]> records) {
        StringJoiner ranges = new StringJoiner(",");
        records.partitions().stream().sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(p -> {
            List<ConsumerRecord<byte[], byte[]>> in = records.records(p);
            ranges.add(p.partition() + "@" + in.get(0).offset() + "-" + in.get(in.size() - 1).offset());
        });
        return ranges.toString();
    }
}
