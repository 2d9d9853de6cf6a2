package io.mysimbdp.common.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract's environment names: each defined once, each in a list, and the same as the contract's page. */
class AppEnvTest {
    private static final Path CONTRACT_PAGE = Path.of(System.getProperty("user.dir"))
            .resolve("../docs/tenant-app-contract.md").normalize();
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|");

    static List<String> constants() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : AppEnv.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    @Test
    void everyNameIsDistinctAndBelongsToAKindOfApp() throws IllegalAccessException {
        List<String> names = constants();
        assertEquals(names.size(), new HashSet<>(names).size(), "two constants spell the same name: " + names);
        Set<String> listed = new HashSet<>(AppEnv.BATCH);
        listed.addAll(AppEnv.STREAM);
        assertEquals(new HashSet<>(names), listed, "every name is given to batch apps, stream apps or both");
    }

    @Test
    void theBatchAndStreamListsAreTheTablesOfTheContractPage() throws IOException {
        List<String> page = Files.readAllLines(CONTRACT_PAGE);
        assertEquals(new LinkedHashSet<>(AppEnv.BATCH), table(page, "## Batch apps"), "batch apps' variables");
        assertEquals(new LinkedHashSet<>(AppEnv.STREAM), table(page, "## Stream apps"), "stream apps' variables");
    }

    /** The single-name rows of the first table after a heading (rows passing on OpenTelemetry's own names are not ours). */
    private static Set<String> table(List<String> page, String heading) {
        int i = 0;
        while (!page.get(i).startsWith(heading)) {
            i++;
        }
        while (!page.get(i).startsWith("| variable")) {
            i++;
        }
        Set<String> names = new LinkedHashSet<>();
        for (i += 2; i < page.size() && page.get(i).startsWith("|"); i++) {
            Matcher m = TABLE_ROW.matcher(page.get(i));
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        assertTrue(!names.isEmpty(), "a table of variables under " + heading);
        return names;
    }

    @Test
    void aServiceConfigKeyHasTheEnvironmentNameQuarkusReads() {
        assertEquals("MYSIMBDP_DAAS_OPERATOR_KEY_SHA256", ServiceConfigEnv.of("mysimbdp.daas.operator-key-sha256"));
        assertEquals("QUARKUS_HTTP_PORT", ServiceConfigEnv.of("quarkus.http.port"));
        // every character but a letter or digit becomes one underscore (MicroProfile Config's rule), quotes too
        assertEquals("A__B__C1", ServiceConfigEnv.of("a.\"b\".c1"));
    }
}
