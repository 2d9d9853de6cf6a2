package io.mysimbdp.cli.stream;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What a produce run has done so far; updated by the sending thread and the producer's callbacks, read by the progress line. */
final class SendCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder poison = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    /** A message handed to the producer. */
    void onSent(int valueBytes, boolean isPoison) {
        sent.increment();
        bytes.add(valueBytes);
        if (isPoison) {
            poison.increment();
        }
    }

    /** The broker has it (all in-sync replicas). */
    void onAcked() {
        acked.increment();
    }

    void onFailed(Throwable error) {
        failed.increment();
        firstError.compareAndSet(null, error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }

    long sent() {
        return sent.sum();
    }

    long acked() {
        return acked.sum();
    }

    long failed() {
        return failed.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    long poison() {
        return poison.sum();
    }

    /** The first failure's type and message, or null. */
    String firstError() {
        return firstError.get();
    }
}
