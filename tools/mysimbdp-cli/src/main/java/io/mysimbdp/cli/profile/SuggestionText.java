package io.mysimbdp.cli.profile;

import java.util.ArrayList;
import java.util.List;

/** The printed {@code fields:} block: one entry per line, aligned comments with the evidence. Pure. */
final class SuggestionText {
    private static final String INDENT = "  ";

    private SuggestionText() {
    }

    static String render(String fileName, int rows, List<FieldSuggestion> suggestions) {
        StringBuilder out = new StringBuilder();
        out.append("# Suggested by 'mysimbdp profile suggest' from ").append(fileName).append(" (").append(rows)
                .append(rows == 1 ? " row" : " rows").append(" sampled). Nothing is applied: review every line,\n")
                .append("# then paste under 'config:' of the app (docs/tenant-profile.md, \"Declared field formats\").\n")
                .append("# Comments: sample values that decided the entry, sampled values it reads, what to check.\n")
                .append("fields:\n");
        List<String> lefts = new ArrayList<>();
        for (FieldSuggestion s : suggestions) {
            lefts.add(s.spec() == null ? INDENT + "# " + key(s.field()) + ":" : INDENT + key(s.field()) + ": " + s.spec());
        }
        int width = lefts.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < suggestions.size(); i++) {
            FieldSuggestion s = suggestions.get(i);
            out.append(pad(lefts.get(i), width)).append("  # ").append(comment(s)).append('\n');
        }
        return out.toString();
    }

    private static String comment(FieldSuggestion s) {
        List<String> parts = new ArrayList<>();
        if (!s.evidence().isEmpty()) {
            parts.add(String.join(" | ", s.evidence().stream().map(SuggestionText::shorten).toList()));
        }
        if (s.spec() != null) {
            parts.add("reads " + s.read() + "/" + s.sampled());
        }
        if (s.note() != null) {
            parts.add(s.note());
        }
        return String.join("; ", parts);
    }

    private static String key(String field) {
        return Yaml.scalar(field);
    }

    private static String shorten(String value) {
        String oneLine = value.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
