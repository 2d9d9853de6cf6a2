package io.mysimbdp.apps.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdDerivationTest {
    private static final String SHA = "4976be0409e11665b08507ba9bdf6c95b343134655641311023b939bc6a8dc6a";

    @TempDir
    Path dir;

    @Test
    void withoutKeyFieldsTheIdIsHashPrefixAndRow() throws Exception {
        assertEquals("4976be0409e11665:17", IdDerivation.of(List.of(), SHA).idOf(Map.of("id", "1"), 17));
    }

    @Test
    void keyFieldsAreJoinedWithColons() throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("city", "NYC");
        typed.put("id", 2539L);
        typed.put("day", Date.from(Instant.parse("2019-05-21T00:00:00Z")));

        assertEquals("2539", IdDerivation.of(List.of("id"), SHA).idOf(typed, 1));
        assertEquals("NYC:2539:2019-05-21T00:00:00Z", IdDerivation.of(List.of("city", "id", "day"), SHA).idOf(typed, 1));
    }

    @Test
    void keyIdsDoNotDependOnTheFileOrRow() throws Exception {
        Map<String, Object> typed = Map.of("id", 5L);

        assertEquals(IdDerivation.of(List.of("id"), SHA).idOf(typed, 1),
                IdDerivation.of(List.of("id"), "0".repeat(64)).idOf(typed, 99));
    }

    @Test
    void missingOrNestedKeyIsRejected() {
        var ids = IdDerivation.of(List.of("id", "part"), SHA);

        assertEquals("key field 'part' is missing or empty",
                assertThrows(RowRejection.class, () -> ids.idOf(Map.of("id", 1), 1)).reason());
        assertEquals("key field 'part' is not a single value",
                assertThrows(RowRejection.class, () -> ids.idOf(Map.of("id", 1, "part", List.of(1)), 1)).reason());
    }

    @Test
    void hashIdsAreStableAcrossRunsAndDifferBetweenFiles() throws Exception {
        Path a = Records.write(dir, "a.csv", "id\n1\n2\n");
        Path sameContent = Records.write(dir, "copy.csv", "id\n1\n2\n");
        Path other = Records.write(dir, "b.csv", "id\n1\n3\n");

        String first = IdDerivation.of(List.of(), FileHashing.sha256(a)).idOf(Map.of(), 2);
        String again = IdDerivation.of(List.of(), FileHashing.sha256(a)).idOf(Map.of(), 2);

        assertEquals(first, again);
        assertEquals(first, IdDerivation.of(List.of(), FileHashing.sha256(sameContent)).idOf(Map.of(), 2));
        assertNotEquals(first, IdDerivation.of(List.of(), FileHashing.sha256(other)).idOf(Map.of(), 2));
        assertEquals(FileHashing.sha256(a).substring(0, 16) + ":2", first);
    }
}
