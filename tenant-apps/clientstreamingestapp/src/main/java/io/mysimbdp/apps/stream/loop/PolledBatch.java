package io.mysimbdp.apps.stream.loop;

import io.mysimbdp.apps.stream.dlq.DeadLetter;
import io.mysimbdp.apps.stream.sink.Written;
import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import io.mysimbdp.common.quality.QualityTally;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One poll's messages in the pipeline: wrangled (documents set), then handed to the sink
 * (write set, documents dropped: they belong to the writer now).
 *
 * @param documentSources the message of each document handed to the writer, by index
 * @param poison          messages for the DLQ (known before the write)
 * @param bytes           key and value bytes of all the messages
 * @param quality         the batch's quality figures, null without quality rules
 */
public record PolledBatch(ConsumerRecords<byte[], byte[]> records, List<Document> documents,
                   List<ConsumerRecord<byte[], byte[]>> documentSources,
                   List<DeadLetter> poison, long bytes, Future<Written> write, QualityTally quality) {

    /** Wrangles a poll's messages (on the polling thread): documents for the sink, poison for the DLQ. */
    static PolledBatch wrangle(ConsumerRecords<byte[], byte[]> records, MessageWrangler wrangler, StreamQuality quality) {
        Date at = new Date();
        int count = records.count();
        List<Document> documents = new ArrayList<>(count);
        List<ConsumerRecord<byte[], byte[]>> documentSources = new ArrayList<>(count);
        List<DeadLetter> poison = new ArrayList<>();
        long bytes = 0;
        QualityTally tally = quality.tally();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
            MessageWrangler.Outcome outcome = quality.apply(
                    wrangler.wrangle(record.topic(), record.partition(), record.offset(), record.value(), at), record.value(), tally);
            if (outcome instanceof MessageWrangler.Accepted accepted) {
                documents.add(accepted.document());
                documentSources.add(record);
            } else {
                poison.add(new DeadLetter(record, ((MessageWrangler.Poison) outcome).reason()));
            }
        }
        return new PolledBatch(records, documents, documentSources, poison, bytes, null, tally);
    }

    /** The batch handed to the sink: its write in progress, its documents no longer held here. */
    public PolledBatch submitted(Future<Written> write) {
        return new PolledBatch(records, null, documentSources, poison, bytes, write, quality);
    }
}
