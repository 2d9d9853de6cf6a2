package io.mysimbdp.common.wrangle;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdDerivationTest {
    private static final RecordOrigin POSITION = new RecordOrigin() {
        @Override
        public String positionalId() {
            return "tenant1.listings-3-17";
        }

        @Override
        public Document stamp() {
            return new Document();
        }
    };

    @Test
    void withoutKeyFieldsTheIdIsTheOriginsPosition() throws Exception {
        assertEquals("tenant1.listings-3-17", IdDerivation.of(List.of()).idOf(Map.of("id", "1"), POSITION));
        assertEquals(false, IdDerivation.of(List.of()).usesKeyFields());
    }

    @Test
    void keyFieldsAreJoinedWithColons() throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("city", "NYC");
        typed.put("id", 2539L);
        typed.put("day", Date.from(Instant.parse("2019-05-21T00:00:00Z")));

        assertEquals("2539", IdDerivation.of(List.of("id")).idOf(typed, POSITION));
        assertEquals("NYC:2539:2019-05-21T00:00:00Z", IdDerivation.of(List.of("city", "id", "day")).idOf(typed, POSITION));
    }

    @Test
    void keyIdsDoNotDependOnThePosition() throws Exception {
        Map<String, Object> typed = Map.of("id", 5L);
        RecordOrigin elsewhere = new RecordOrigin() {
            @Override
            public String positionalId() {
                return "other-0-99";
            }

            @Override
            public Document stamp() {
                return new Document();
            }
        };

        assertEquals(IdDerivation.of(List.of("id")).idOf(typed, POSITION), IdDerivation.of(List.of("id")).idOf(typed, elsewhere));
    }

    @Test
    void missingOrNestedKeyIsRejected() {
        var ids = IdDerivation.of(List.of("id", "part"));

        assertEquals("key field 'part' is missing or empty",
                assertThrows(RowRejection.class, () -> ids.idOf(Map.of("id", 1), POSITION)).reason());
        assertEquals("key field 'part' is not a single value",
                assertThrows(RowRejection.class, () -> ids.idOf(Map.of("id", 1, "part", List.of(1)), POSITION)).reason());
    }
}
