package io.mysimbdp.daas.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/** Stream ingestion statistics of one scope over a window, from the apps' interval reports; and per topic. */
public record StreamStats(@JsonUnwrapped Figures total, List<Topic> topics) {

    /**
     * @param reports                  interval reports in the window
     * @param dlqMessages              of the messages, those sent to the dead-letter topic
     * @param meanIngestionTimeMs      processing time per message: total processing time / messages
     * @param messagesPerS             messages over the seconds from the first interval's start to the last one's end
     */
    public record Figures(long reports, long messages, long dlqMessages, long bytes, Double meanIngestionTimeMs,
                          Double messagesPerS, Instant firstIntervalStart, Instant lastIntervalEnd) {
    }

    /** @param topic the tenant's topic name (the platform's: {@code <tenant>.<topic>}) */
    public record Topic(String topic, @JsonUnwrapped Figures figures) {
    }
}
