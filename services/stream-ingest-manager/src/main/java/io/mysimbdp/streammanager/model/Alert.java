package io.mysimbdp.streammanager.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An alert from the stream-ingest-monitor (docs/tenant-app-contract.md, "Alerts"). Only the fields
 * the manager acts on are read; the tenant and topic come from the alert topic's name, never from
 * here.
 *
 * @param at when the alert was raised: its {@code timestamp}, else the Kafka record's time
 */
public record Alert(String alertId, Type type, String rawType, String reason, Instant at) {
    public enum Type { SCALE_OUT, SCALE_IN, ERROR, OTHER }

    /** Reads an alert payload; an unreadable one is an {@code OTHER} alert whose reason says why. */
    public static Alert parse(String payload, Instant recordTime) {
        JsonNode node;
        try {
            node = payload == null ? null : Json.json().readTree(payload);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new Alert(null, Type.OTHER, null, "unreadable alert payload (not a JSON object)", recordTime);
        }
        String raw = text(node, "type");
        return new Alert(text(node, "alert_id"), typeOf(raw), raw, text(node, "reason"), timeOf(text(node, "timestamp"), recordTime));
    }

    static Type typeOf(String raw) {
        if (raw == null) {
            return Type.OTHER;
        }
        return switch (raw.trim().toUpperCase(Locale.ROOT)) {
            case "SCALE_OUT" -> Type.SCALE_OUT;
            case "SCALE_IN" -> Type.SCALE_IN;
            case "ERROR" -> Type.ERROR;
            default -> Type.OTHER;
        };
    }

    private static Instant timeOf(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
