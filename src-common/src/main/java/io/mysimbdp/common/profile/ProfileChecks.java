package io.mysimbdp.common.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.wrangle.FieldSpecs;

import java.time.Duration;

/** The checks the profile's sections share (numbers, durations, resources, declared fields), each naming its field. Pure. */
final class ProfileChecks {
    private ProfileChecks() {
    }

    /** Receives one problem: the field's path and what is wrong with it. */
    @FunctionalInterface
    interface Errors {
        void add(String field, String problem);
    }

    /**
     * {@code config.fields} as the shared wrangler reads it (docs/tenant-profile.md, "Declared field
     * formats"), so a bad format is refused when the profile is loaded rather than by every job.
     */
    static void declaredFields(Errors e, String where, JsonNode config) {
        var fields = config.get("fields");
        if (fields == null || fields.isNull()) {
            return;
        }
        if (!fields.isObject()) {
            e.add(where + ".fields", "must be an object {field: type}");
            return;
        }
        fields.fields().forEachRemaining(entry -> FieldSpecs.parse(where + ".fields." + entry.getKey(), entry.getValue(), e::add));
    }

    static void resources(Errors e, String field, TenantProfile.Resources r) {
        if (!ProfileValidator.CPU.matcher(r.cpu()).matches()) {
            e.add(field + ".cpu", "'" + r.cpu() + "' is not a CPU quantity (examples: 500m, 1, 1.5)");
        }
        if (!r.cpuLimit().equals(r.cpu()) && !ProfileValidator.CPU.matcher(r.cpuLimit()).matches()) {
            e.add(field + ".cpuLimit", "'" + r.cpuLimit() + "' is not a CPU quantity (examples: 500m, 1, 1.5)");
        }
        if (!ProfileValidator.MEMORY.matcher(r.memory()).matches()) {
            e.add(field + ".memory", "'" + r.memory() + "' is not a memory quantity (examples: 256Mi, 1Gi)");
        }
        if (!r.memoryLimit().equals(r.memory()) && !ProfileValidator.MEMORY.matcher(r.memoryLimit()).matches()) {
            e.add(field + ".memoryLimit", "'" + r.memoryLimit() + "' is not a memory quantity (examples: 256Mi, 1Gi)");
        }
    }

    static void positive(Errors e, String field, long value) {
        if (value <= 0) {
            e.add(field, "must be positive (got " + value + ")");
        }
    }

    static void positiveDuration(Errors e, String field, Duration value) {
        if (value.isZero() || value.isNegative()) {
            e.add(field, "must be a positive duration (got " + value + ")");
        }
    }
}
