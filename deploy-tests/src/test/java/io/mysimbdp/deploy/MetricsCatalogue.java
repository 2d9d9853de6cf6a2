package io.mysimbdp.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/metrics.md read as data: the metric names it mentions, and for each metric of its tables the
 * labels documented for it. Shared by the promtool checks here and the live check in e2e-tests.
 */
public final class MetricsCatalogue {
    private static final Pattern NAME = Pattern.compile("mysimbdp_[a-z0-9_]+");
    private static final Pattern LABEL = Pattern.compile("[a-z_]+");
    /** "tenant, status (+ `le`)": the histogram's bucket label, on _bucket only. */
    private static final String BUCKET_LABEL = "(+ `le`)";

    private MetricsCatalogue() {
    }

    /** The catalogue of a checkout. */
    public static Path file(Path checkout) {
        return checkout.resolve("docs/metrics.md");
    }

    /** Every mysimbdp_* name the catalogue mentions. */
    public static Set<String> names(Path catalogue) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(Checkout.read(catalogue));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** Metric → its documented labels, from the rows {@code | `metric`, … | type | labels | meaning |}. */
    public static Map<String, Set<String>> labels(Path catalogue) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : Checkout.lines(catalogue)) {
            if (!line.startsWith("| `mysimbdp_")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 4) {
                throw new IllegalStateException(catalogue + ": a metric row without a labels column: " + line);
            }
            Set<String> labels = new TreeSet<>();
            String labelCell = cells[3].replace(BUCKET_LABEL, "");
            for (String part : labelCell.split(",")) {
                Matcher m = LABEL.matcher(part.split("=")[0].replace("`", "").trim());
                if (m.matches()) {
                    labels.add(m.group());
                }
            }
            Matcher names = NAME.matcher(cells[1]);
            while (names.find()) {
                Set<String> own = new TreeSet<>(labels);
                if (names.group().endsWith("_bucket") && cells[3].contains(BUCKET_LABEL)) {
                    own.add("le");
                }
                out.computeIfAbsent(names.group(), k -> new TreeSet<>()).addAll(own);
            }
        }
        return out;
    }
}
