package io.mysimbdp.apps.stream;

import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityLog;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.quality.QualityTally;
import io.mysimbdp.common.quality.Quarantine;
import io.mysimbdp.common.quality.RuleFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BiConsumer;

/**
 * The tenant's quality rules applied to the stream app's batches ({@code MYSIMBDP_QUALITY_RULES};
 * off when unset). A wrangled message that fails a rule becomes a {@link Quarantined} document (the
 * {@link QuarantineRouting} sink stores it in {@code <collection>_quarantine}) or, with
 * {@code streamFailures: dlq}, a poison message for the DLQ. Each committed batch's figures go to
 * the report window and, one document per batch, to {@code mysimbdp_platform.quality}.
 */
final class StreamQuality {
    static final StreamQuality OFF = new StreamQuality(null, null, null, null, null, null);

    private final QualityRules rules;
    private final BiConsumer<QualityLog.Batch, BatchQuality> log;
    private final String tenant;
    private final String topic;
    private final String instanceId;
    private final String collection;

    /** @param log stores one batch's quality document (asynchronously in the app) */
    StreamQuality(QualityRules rules, BiConsumer<QualityLog.Batch, BatchQuality> log, String tenant, String topic,
                  String instanceId, String collection) {
        this.rules = rules;
        this.log = log;
        this.tenant = tenant;
        this.topic = topic;
        this.instanceId = instanceId;
        this.collection = collection;
    }

    /** A document for {@code <collection>_quarantine}, told apart from the batch's others by its class. */
    static final class Quarantined extends Document {
        Quarantined(Document quarantine) {
            super(quarantine);
        }
    }

    /** A tally for one poll's batch; null when quality is off. */
    QualityTally tally() {
        return rules == null ? null : new QualityTally(rules.minGoodShare());
    }

    /** What becomes of a wrangled message under the rules (counted in {@code tally}). Pure but for the tally. */
    MessageWrangler.Outcome apply(MessageWrangler.Outcome outcome, byte[] value, QualityTally tally) {
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

    /** A batch is committed: its figures go to the report and its quality document to the platform. */
    void settled(QualityTally tally, ConsumerRecords<byte[], byte[]> records, ReportWindow window) {
        if (tally == null) {
            return;
        }
        BatchQuality q = tally.result();
        window.quality(q.records(), q.good());
        Instant now = Instant.now();
        String ranges = ranges(records);
        log.accept(new QualityLog.Batch(QualityLog.KIND_STREAM + ":" + tenant + "." + topic + "/" + ranges, tenant,
                QualityLog.KIND_STREAM, topic, collection, now, now,
                new Document("instance", instanceId).append("offsets", ranges).append("quarantine", Quarantine.collection(collection))
                        .append("failures_to", rules.toDlq() ? "dlq" : "quarantine")), q);
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
