package io.mysimbdp.common.quality;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The types a quality rule can ask of a stored value: what the wrangler produces (strings, int,
 * long, double, decimal, boolean, BSON dates, nested objects and arrays), named for tenants.
 */
public enum ValueType {
    STRING {
        @Override
        boolean holds(Object value) {
            return value instanceof String;
        }
    },
    NUMBER {
        @Override
        boolean holds(Object value) {
            return QualityRules.numeric(value) != null;
        }
    },
    INTEGER {
        @Override
        boolean holds(Object value) {
            Double d = QualityRules.numeric(value);
            return d != null && (value instanceof Integer || value instanceof Long || d == Math.rint(d));
        }
    },
    BOOLEAN {
        @Override
        boolean holds(Object value) {
            return value instanceof Boolean;
        }
    },
    DATE {
        @Override
        boolean holds(Object value) {
            return value instanceof Date;
        }
    },
    OBJECT {
        @Override
        boolean holds(Object value) {
            return value instanceof Map;
        }
    },
    ARRAY {
        @Override
        boolean holds(Object value) {
            return value instanceof List;
        }
    };

    abstract boolean holds(Object value);

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
