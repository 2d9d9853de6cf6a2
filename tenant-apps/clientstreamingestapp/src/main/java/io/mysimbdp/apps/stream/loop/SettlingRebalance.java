package io.mysimbdp.apps.stream.loop;

import io.mysimbdp.apps.stream.sink.BatchSink;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * Settles the batches in hand before partitions leave (the next owner starts right after what
 * is stored); pauses new partitions while the loop waits for the store. Runs inside the loop's
 * poll, on the polling thread.
 */
final class SettlingRebalance implements ConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(SettlingRebalance.class);

    private final Consumer<byte[], byte[]> consumer;
    private final BatchSink sink;
    /** Settles every batch in hand; a failure makes the loop wait for the store after this poll. */
    private final Runnable settleInHand;
    /** True while the loop waits for the store (or is about to). */
    private final BooleanSupplier waitingForStore;

    SettlingRebalance(Consumer<byte[], byte[]> consumer, BatchSink sink, Runnable settleInHand, BooleanSupplier waitingForStore) {
        this.consumer = consumer;
        this.sink = sink;
        this.settleInHand = settleInHand;
        this.waitingForStore = waitingForStore;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (waitingForStore.getAsBoolean()) {
            consumer.pause(partitions);
        }
        LOG.infof("assigned %s; holding %d partition(s)", partitions, consumer.assignment().size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (leaving(partitions)) {
            LOG.infof("revoked %s", partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Their commits will be refused (the group moved on); settling still stores what is in hand.
        if (leaving(partitions)) {
            LOG.warnf("lost %s (the group moved on without this instance)", partitions);
        }
    }

    /** Settles what is in hand and tells the sink; false when no partition leaves. */
    private boolean leaving(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return false;
        }
        settleInHand.run();
        sink.revoked(partitions);
        return true;
    }
}
