package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values table of the chart's README, generated from values.yaml: every key whose comment starts
 * with "# --" (helm-docs' convention) becomes a row with its full path, its default (as JSON) and its
 * comment. Pure: lines in, Markdown out. {@link ChartReadmeTest} fails when helm/mysimbdp/README.md is stale.
 */
final class ValuesReadme {
    static final String START = "<!-- values:start (generated from values.yaml by ChartReadmeTest: do not edit) -->";
    static final String END = "<!-- values:end -->";
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValuesReadme() {
    }

    /** One documented value. */
    record Row(String path, String defaultJson, String description) {
    }

    static List<Row> rows(List<String> lines) {
        JsonNode values;
        try {
            values = new YAMLMapper().readTree(String.join("\n", lines));
        } catch (Exception e) {
            throw new IllegalArgumentException("values.yaml is not YAML: " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        List<String[]> stack = new ArrayList<>(); // {indent, key}
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!stack.isEmpty() && Integer.parseInt(stack.get(stack.size() - 1)[0]) >= indent) {
                stack.remove(stack.size() - 1);
            }
            stack.add(new String[]{Integer.toString(indent), m.group(2)});
            String description = dashComment(lines, i);
            if (description == null) {
                continue;
            }
            List<String> path = stack.stream().map(s -> s[1]).toList();
            JsonNode node = values;
            for (String key : path) {
                node = node.path(key);
            }
            rows.add(new Row(String.join(".", path), node.isMissingNode() ? "" : JSON.valueToTree(node).toString(), description));
        }
        return rows;
    }

    /** The comment block right above line i when it starts with "# --", as one line; null otherwise. */
    private static String dashComment(List<String> lines, int i) {
        int j = i;
        while (j > 0 && lines.get(j - 1).trim().startsWith("#")) {
            j--;
        }
        if (j == i || !lines.get(j).trim().startsWith("# --")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int k = j; k < i; k++) {
            String c = lines.get(k).trim().replaceFirst("^# ?(-- )?", "").trim();
            if (!c.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(c);
            }
        }
        return text.toString();
    }

    /** The Markdown table between the markers. */
    static String table(List<String> lines) {
        StringBuilder md = new StringBuilder(START).append("\n\n| Key | Default | Description |\n|---|---|---|\n");
        for (Row r : rows(lines)) {
            md.append("| `").append(r.path()).append("` | ").append(code(r.defaultJson())).append(" | ")
                    .append(r.description().replace("|", "\\|")).append(" |\n");
        }
        return md.append("\n").append(END).toString();
    }

    private static String code(String json) {
        String oneLine = json.replace("\n", "\\n").replace("|", "\\|");
        return oneLine.contains("`") ? "<code>" + oneLine + "</code>" : "`" + oneLine + "`";
    }

    /** The README with its generated section replaced. */
    static String withTable(String readme, List<String> valuesLines) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the chart README has no " + START + " ... " + END + " section");
        }
        return readme.substring(0, start) + table(valuesLines) + readme.substring(end + END.length());
    }
}
