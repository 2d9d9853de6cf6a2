package io.mysimbdp.cli.profile;

import java.util.List;

/**
 * What {@code profile suggest} proposes for one column.
 *
 * @param field    the column
 * @param spec     the {@code fields} entry as YAML (e.g. {@code {type: long, format: integral-decimal}}),
 *                 or null when nothing is proposed (no values, or a JSON object kept as read)
 * @param evidence up to three sample values that decided it
 * @param read     sample values the proposed entry reads
 * @param sampled  non-empty sample values
 * @param note     something the user must decide, or null
 */
public record FieldSuggestion(String field, String spec, List<String> evidence, int read, int sampled, String note) {
    public FieldSuggestion {
        evidence = List.copyOf(evidence);
    }
}
