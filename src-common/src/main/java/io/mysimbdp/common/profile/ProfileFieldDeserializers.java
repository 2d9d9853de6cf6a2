package io.mysimbdp.common.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.time.Duration;

/** Jackson glue so profiles may write sizes and durations the way people do. */
final class ProfileFieldDeserializers {
    private ProfileFieldDeserializers() {
    }

    static final class Size extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            String text = p.getValueAsString();
            try {
                return ByteSize.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException(p, e.getMessage(), text, Long.class);
            }
        }
    }

    static final class Time extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofSeconds(p.getLongValue());
            }
            String text = p.getValueAsString();
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException(p, e.getMessage(), text, Duration.class);
            }
        }
    }
}
