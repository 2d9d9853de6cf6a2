package io.mysimbdp.apps.stream;

import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.StringJoiner;

/** How the stream loop names messages, batches and errors in its log lines. Pure. */
public final class LogText {
    private static final int MAX_ERROR_CHARS = 300;

    private LogText() {
    }

    /** e.g. {@code tenant1.listings-0@120..2119, tenant1.listings-3@88..90}. */
    public static String ranges(ConsumerRecords<byte[], byte[]> records) {
        StringJoiner ranges = new StringJoiner(", ");
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            ranges.add(partition + "@" + inPartition.get(0).offset() + ".." + inPartition.get(inPartition.size() - 1).offset());
        }
        return ranges.toString();
    }

    public static String source(ConsumerRecord<byte[], byte[]> record) {
        return MessageWrangler.source(record.topic(), record.partition(), record.offset());
    }

    public static String oneLine(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        text = text.replace('\n', ' ');
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
