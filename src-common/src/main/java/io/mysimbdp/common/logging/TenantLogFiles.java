package io.mysimbdp.common.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.naming.TenantNames;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log handler that also writes every line about a tenant to {@code <logs>/<tenant>/<service>.log}
 * as one JSON object per line (the console keeps every line). A line is about a tenant when the
 * MDC key {@value #MDC_KEY} is set while it is logged: code working for one tenant wraps that work
 * in {@link #forTenant(String)}. Tenant ids are checked before they become a path.
 */
public final class TenantLogFiles extends Handler {
    public static final String MDC_KEY = "tenant";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path logs;
    private final String service;
    private final Map<String, Writer> open = new HashMap<>();

    public TenantLogFiles(Path logs, String service) {
        this.logs = logs;
        this.service = service;
    }

    /** Adds a handler for this service to the root logger; returns it (close it on shutdown). */
    public static TenantLogFiles install(Path logs, String service) {
        TenantLogFiles handler = new TenantLogFiles(logs, service);
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    /** Marks what the calling thread logs until {@code close()} as about this tenant. */
    public static Scope forTenant(String tenant) {
        String before = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, tenant);
        return () -> {
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before);
            }
        };
    }

    /** A tenant marking to end; never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String tenant = record instanceof ExtLogRecord ext ? ext.getMdc(MDC_KEY) : MDC.get(MDC_KEY);
        if (tenant == null || !TenantNames.isValidTenantId(tenant) || !isLoggable(record)) {
            return;
        }
        try {
            Writer out = open.get(tenant);
            if (out == null) {
                Path file = Files.createDirectories(logs.resolve(tenant)).resolve(service + ".log");
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                open.put(tenant, out);
            }
            out.write(line(record, tenant));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            reportError("cannot write the log of tenant " + tenant + ": " + e.getMessage(), e, java.util.logging.ErrorManager.WRITE_FAILURE);
        }
    }

    /** One JSON object: time, level, logger, message (formatted), tenant, the rest of the MDC, and the exception. */
    static String line(LogRecord record, String tenant) throws JsonProcessingException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("loggerName", record.getLoggerName());
        line.put("message", record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : new java.util.logging.SimpleFormatter().formatMessage(record));
        line.put("tenant", tenant);
        if (record instanceof ExtLogRecord ext) {
            ext.getMdcCopy().forEach((k, v) -> {
                if (!MDC_KEY.equals(k)) {
                    line.put(k, v);
                }
            });
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("exception", trace.toString());
        }
        return JSON.writeValueAsString(line);
    }

    @Override
    public synchronized void flush() {
        for (Writer w : open.values()) {
            try {
                w.flush();
            } catch (IOException e) {
                // reported on the next write
            }
        }
    }

    @Override
    public synchronized void close() {
        Logger.getLogger("").removeHandler(this);
        for (Writer w : open.values()) {
            try {
                w.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }
}
