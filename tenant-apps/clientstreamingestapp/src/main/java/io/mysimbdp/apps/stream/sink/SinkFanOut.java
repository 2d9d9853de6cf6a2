package io.mysimbdp.apps.stream.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The same wrangled batch to every sink, each through its own {@link SinkLane}. A batch is done
 * (its offsets may be committed) when every sink has taken it, so a commit never covers what a
 * sink has not got; a failing sink holds back the commits, not the other sinks, until its buffer
 * is full ({@link #hasRoomFor}), and then the consumer pauses.
 */
public final class SinkFanOut implements BatchSink, AutoCloseable {
    /**
     * Batches in hand are bounded by the lanes' buffers, not by a count: enough for any buffer of
     * single-message batches the profile allows.
     */
    static final int IN_FLIGHT_LIMIT = 1 << 20;
    /** A batch being settled (on a stop or a rebalance) waits this long for a failing sink. */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(2);

    private final List<SinkLane> lanes;

    SinkFanOut(List<SinkLane> lanes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("no sinks");
        }
        this.lanes = List.copyOf(lanes);
    }

    @Override
    public Future<Written> submit(List<Document> documents,
                                  List<ConsumerRecord<byte[], byte[]>> sources, ExecutorService writers) {
        CompletableFuture<?>[] taken = new CompletableFuture<?>[lanes.size()];
        for (int i = 0; i < lanes.size(); i++) {
            taken[i] = lanes.get(i).offer(documents, sources);
        }
        // refusals went to each sink's DLQ already: for the loop every message is settled
        return CompletableFuture.allOf(taken).thenApply(v -> Written.TAKEN_BY_SINKS);
    }

    @Override
    public int inFlightLimit(int writers) {
        return IN_FLIGHT_LIMIT;
    }

    @Override
    public boolean hasRoomFor(int messages) {
        return lanes.stream().allMatch(lane -> lane.hasRoomFor(messages));
    }

    @Override
    public Duration settleWait() {
        return SETTLE_WAIT;
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        lanes.forEach(lane -> lane.revoked(partitions));
    }

    @Override
    public Map<String, SinkFigures> figures() {
        Map<String, SinkFigures> figures = new LinkedHashMap<>();
        lanes.forEach(lane -> figures.put(lane.name(), lane.drainFigures()));
        return figures;
    }

    @Override
    public void close() {
        lanes.forEach(SinkLane::stop);   // all at once: a stopping instance has a few seconds
        lanes.forEach(SinkLane::close);
    }
}
