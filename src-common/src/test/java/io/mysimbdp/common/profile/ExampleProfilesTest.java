package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The example profiles under config/examples/ (real cities' files, README tour) stay valid as written. */
class ExampleProfilesTest {
    private static final Path EXAMPLES = Path.of("..", "config", "examples");

    @Test
    void everyExampleProfileIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no example profiles in " + EXAMPLES.toAbsolutePath());
        for (Path file : files) {
            TenantProfile profile = ProfileParserTest.valid(file.getFileName().toString(), Files.readString(file));
            assertEquals("listings", profile.batch().apps().get(0).config().get("collection").asText(), file.toString());
        }
    }
}
