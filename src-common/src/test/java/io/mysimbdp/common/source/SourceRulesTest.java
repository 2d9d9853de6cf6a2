package io.mysimbdp.common.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14's rules on the checkout's main sources, so they stay true: every {@code MYSIMBDP_} environment
 * name is spelled once, in the contract package ({@code AppEnv}, {@code PlatformEnv}, {@code CliEnv}), never as
 * a literal elsewhere; and no main-source class is over {@value #MAX_LINES} lines (split it: docs/architecture.md).
 */
class SourceRulesTest {
    static final int MAX_LINES = 300;
    static final String CONTRACT_PACKAGE = "src-common/src/main/java/io/mysimbdp/common/contract/";
    /**
     * Classes allowed over the limit while a split is under way, each held to the length it had (none now:
     * the parallel branches of issue #14 are merged and every main class is within MAX_LINES).
     */
    static final Map<String, Integer> BEING_SPLIT = Map.of();

    @Test
    void theScanSeesTheWholeCheckout() {
        List<Path> sources = JavaSource.mainSources();
        assertTrue(sources.contains(Path.of(CONTRACT_PACKAGE, "AppEnv.java")), "found the contract package: " + JavaSource.ROOT);
        assertTrue(sources.stream().anyMatch(p -> p.startsWith("tools")) && sources.stream().anyMatch(p -> p.startsWith("bench"))
                && sources.stream().anyMatch(p -> p.startsWith("tenant-apps")), "every module is scanned");
    }

    @Test
    void noEnvironmentNameIsALiteralOutsideTheContractPackage() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : JavaSource.mainSources()) {
            if (source.toString().startsWith(CONTRACT_PACKAGE)) {
                continue;
            }
            for (String literal : JavaSource.stringLiterals(Files.readString(JavaSource.ROOT.resolve(source)))) {
                if (literal.contains("MYSIMBDP_")) {
                    found.add(source + ": \"" + literal + "\"");
                }
            }
        }
        assertEquals(List.of(), found, "use the constants of io.mysimbdp.common.contract (AppEnv, PlatformEnv, CliEnv)");
    }

    @Test
    void noMainSourceClassIsOverTheLimit() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : JavaSource.mainSources()) {
            long lines;
            try (var all = Files.lines(JavaSource.ROOT.resolve(source))) {
                lines = all.count();
            }
            int limit = BEING_SPLIT.getOrDefault(source.toString(), MAX_LINES);
            if (lines > limit) {
                found.add(source + ": " + lines + " lines (limit " + limit + ")");
            }
        }
        assertEquals(List.of(), found, "split these into cohesive smaller classes (docs/architecture.md, the package map)");
    }

    @Test
    void literalsAreReadFromCodeOnly() {
        String source = """
                class X { // "MYSIMBDP_IN_A_COMMENT"
                    /** {@code "MYSIMBDP_IN_JAVADOC"} */
                    String a = "first \\" still first", b = \"\"\"
                        block\"\"\";
                    char q = '"';
                    String c = "MYSIMBDP_LITERAL";
                }
                """;
        assertEquals(List.of("first \\\" still first", "\n        block", "MYSIMBDP_LITERAL"), JavaSource.stringLiterals(source));
    }
}
