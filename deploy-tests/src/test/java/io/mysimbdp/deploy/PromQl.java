package io.mysimbdp.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to list the metric names an expression reads: strings, label matchers, ranges,
 * Grafana variables and grouping clauses are removed; what remains are functions (followed by '('),
 * keywords, numbers and metric names.
 */
public final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan", "atan2", "start", "end");
    /** Metric names any JVM service or Prometheus itself has: allowed beside the platform's own. */
    private static final Pattern STANDARD = Pattern.compile("up|process_[a-z0-9_]+|jvm_[a-z0-9_]+");
    private static final Pattern PLATFORM = Pattern.compile("mysimbdp_[a-z0-9_]+");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** Grafana's label_values(metric, label): only the metric is one. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private PromQl() {
    }

    /** Metric names read by the expression, in order of appearance. */
    public static Set<String> metricNames(String expr) {
        String s = LABEL_VALUES.matcher(expr).replaceAll(" $1 ");
        s = STRING.matcher(s).replaceAll(" ");
        s = GRAFANA_VARIABLE.matcher(s).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** The platform's own metrics (mysimbdp_*) or standard ones (up, process_*, jvm_*). */
    public static boolean allowed(String metric) {
        return PLATFORM.matcher(metric).matches() || STANDARD.matcher(metric).matches();
    }
}
