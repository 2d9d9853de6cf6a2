package io.mysimbdp.common.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's data-quality rules ({@code quality} in the profile): checks on the wrangled records'
 * fields and the share of good records a batch (a file, a stream poll) must reach. Off when the
 * profile has no {@code quality} section. {@link QualityValidator} checks the values.
 *
 * @param fields         stored field name (after {@code rename}) → its rule
 * @param minGoodShare   a batch with a smaller share of good records is flagged; 0 (the default) flags none
 * @param streamFailures where the stream app puts failing records: {@code quarantine} (default) or {@code dlq};
 *                       the batch app always quarantines
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quality(Map<String, FieldRule> fields, Double minGoodShare, String streamFailures) {
    public static final String QUARANTINE = "quarantine";
    public static final String DLQ = "dlq";

    public Quality {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        minGoodShare = minGoodShare == null ? 0.0 : minGoodShare;
        streamFailures = streamFailures == null ? QUARANTINE : streamFailures;
    }

    /**
     * What one field must satisfy. Every check but {@code required} applies only when the field is present.
     *
     * @param required the field must be present and not null
     * @param type     {@code string}, {@code number}, {@code integer}, {@code boolean}, {@code date},
     *                 {@code object} or {@code array}
     * @param min      smallest allowed number (inclusive)
     * @param max      largest allowed number (inclusive)
     * @param pattern  a Java regular expression the whole text must match
     * @param allowed  the only values allowed (strings, numbers, booleans)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldRule(Boolean required, String type, Double min, Double max, String pattern, List<Object> allowed) {
        public FieldRule {
            required = required != null && required;
            allowed = allowed == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(allowed));
        }
    }
}
