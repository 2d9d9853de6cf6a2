package io.mysimbdp.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** helm lint --strict (warnings fail too), and every value documented in values.yaml. */
class ChartLintTest {
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");

    @Test
    void chartPassesStrictLint() {
        LintResult result = new Helm(Checkout.CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed:\n" + String.join("\n", result.getMessages()));
    }

    /**
     * A value (a key with its value on the line) has a comment right above it, or sits inside a value whose
     * comment starts with "# --" (a documented block such as resources or a securityContext). Keys that only
     * group other keys need no comment of their own.
     */
    @Test
    void everyValueIsDocumented() {
        List<String> lines = Checkout.lines(Checkout.CHART.resolve("values.yaml"));
        Deque<int[]> documentedBlocks = new ArrayDeque<>(); // {indent} of "# --" documented block keys
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!documentedBlocks.isEmpty() && documentedBlocks.peek()[0] >= indent) {
                documentedBlocks.pop();
            }
            String above = i > 0 ? lines.get(i - 1).trim() : "";
            boolean commented = above.startsWith("#");
            boolean leaf = !m.group(3).trim().isEmpty() && !m.group(3).trim().startsWith("#");
            if (leaf && !commented && documentedBlocks.isEmpty()) {
                undocumented.add((i + 1) + ": " + lines.get(i).trim());
            }
            if (!leaf && commented && commentBlockStartsWithDashes(lines, i)) {
                documentedBlocks.push(new int[]{indent});
            }
        }
        assertEquals(List.of(), undocumented, "values.yaml: values without a comment");
    }

    private static boolean commentBlockStartsWithDashes(List<String> lines, int keyLine) {
        int j = keyLine - 1;
        while (j > 0 && lines.get(j - 1).trim().startsWith("#")) {
            j--;
        }
        return lines.get(j).trim().startsWith("# --");
    }
}
