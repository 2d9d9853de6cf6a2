package io.mysimbdp.apps.stream.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A poison message and why it goes to the DLQ. */
public record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
}
