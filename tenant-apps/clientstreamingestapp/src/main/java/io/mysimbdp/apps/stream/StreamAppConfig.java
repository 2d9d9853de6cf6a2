package io.mysimbdp.apps.stream;

import io.mysimbdp.common.wrangle.WrangleConfig;

import java.util.List;

/**
 * The stream app's {@code MYSIMBDP_APP_CONFIG}: the wrangling keys shared with the batch app
 * ({@link WrangleConfig}: collection, keyFields, fields, required, rename, geo, batchSize) plus
 * {@code maxMessageBytes}, the largest message value the app parses; larger ones go to the DLQ.
 * {@code batchSize} is also the most messages one poll returns, so one poll is one bulk write.
 */
public record StreamAppConfig(WrangleConfig wrangle, int maxMessageBytes) {
    static final String MAX_MESSAGE_BYTES = "maxMessageBytes";
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    /** A batch holds up to batchSize messages of this size in memory: keep it within the heap. */
    static final int MAX_MAX_MESSAGE_BYTES = 16 << 20;

    public static StreamAppConfig parse(String json) throws WrangleConfig.ConfigException {
        WrangleConfig.Reader reader = WrangleConfig.reader(json, List.of(MAX_MESSAGE_BYTES));
        WrangleConfig wrangle = reader.wrangleConfig();
        int maxMessageBytes = (int) reader.integer(MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1, MAX_MAX_MESSAGE_BYTES);
        reader.done();
        return new StreamAppConfig(wrangle, maxMessageBytes);
    }

    static StreamAppConfig defaults() {
        return new StreamAppConfig(WrangleConfig.defaults(), DEFAULT_MAX_MESSAGE_BYTES);
    }
}
