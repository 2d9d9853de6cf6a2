package io.mysimbdp.common.profile;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Quartz cron expressions (the form quarkus-scheduler uses), evaluated in UTC. */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronSchedule() {
    }

    /** Null when the expression is valid, otherwise why not. */
    public static String problem(String expression) {
        try {
            PARSER.parse(expression).validate();
            return null;
        } catch (RuntimeException e) {
            return "'" + expression + "' is not a Quartz cron expression (six or seven fields, e.g. '0 */5 * * * ?'): " + e.getMessage();
        }
    }

    /** The first firing strictly after {@code after}. */
    public static Optional<Instant> nextAfter(String expression, Instant after) {
        return ExecutionTime.forCron(PARSER.parse(expression))
                .nextExecution(after.atZone(ZoneOffset.UTC))
                .map(z -> z.toInstant());
    }
}
