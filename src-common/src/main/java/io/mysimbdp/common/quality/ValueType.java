package io.mysimbdp.common.quality;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The types a quality rule can ask of a stored value: what the wrangler produces (strings, int,
 * long, double, decimal, boolean, BSON dates, nested objects and arrays), named for tenants.
 */
public enum ValueType {
    STRING(v -> v instanceof String),
    NUMBER(v -> QualityRules.numeric(v) != null),
    /** A whole number: int or long, or a double or decimal without a fraction (JSON's 3.0). */
    INTEGER(v -> {
        Double d = QualityRules.numeric(v);
        return d != null && d == Math.rint(d);
    }),
    BOOLEAN(v -> v instanceof Boolean),
    /** What {@code date} and {@code timestamp} fields become. */
    DATE(v -> v instanceof Date),
    OBJECT(v -> v instanceof Map),
    ARRAY(v -> v instanceof List);

    private final Predicate<Object> holds;

    ValueType(Predicate<Object> holds) {
        this.holds = holds;
    }

    boolean holds(Object value) {
        return holds.test(value);
    }

    /** The name used in the profile, e.g. {@code number}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueType> byConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(ValueType::configName).toList();
    }
}
