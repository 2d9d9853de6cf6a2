package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A poison message and why it goes to the DLQ. */
record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
}
