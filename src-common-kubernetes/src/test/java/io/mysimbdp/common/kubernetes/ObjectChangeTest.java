package io.mysimbdp.common.kubernetes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one decision behind every cluster write, on plain values: "owner:content". */
class ObjectChangeTest {
    /** Ours when the owner is "me"; equal content: nothing; same length: patch; else replace. */
    static final ObjectRules<String> RULES = new ObjectRules<>() {
        @Override
        public ObjectChange compare(String current, String desired) {
            if (current.equals(desired)) {
                return ObjectChange.NOTHING;
            }
            return current.length() == desired.length() ? ObjectChange.PATCH : ObjectChange.REPLACE;
        }

        @Override
        public boolean ours(String current) {
            return current.startsWith("me:");
        }
    };

    @Test
    void absentObjectsAreCreatedOrLeftAbsent() {
        assertEquals(ObjectChange.CREATE, ObjectChange.decide(null, "me:a", RULES));
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide(null, null, RULES));
    }

    @Test
    void anObjectOfAnotherOwnerIsNeverTouchedNotEvenToDeleteIt() {
        assertEquals(ObjectChange.CONFLICT, ObjectChange.decide("them:a", "me:a", RULES));
        assertEquals(ObjectChange.CONFLICT, ObjectChange.decide("them:a", null, RULES));
    }

    @Test
    void ourObjectIsDeletedWhenNothingIsWantedElseComparedByTheKindsRules() {
        assertEquals(ObjectChange.DELETE, ObjectChange.decide("me:a", null, RULES));
        assertEquals(ObjectChange.NOTHING, ObjectChange.decide("me:a", "me:a", RULES));
        assertEquals(ObjectChange.PATCH, ObjectChange.decide("me:a", "me:b", RULES));
        assertEquals(ObjectChange.REPLACE, ObjectChange.decide("me:a", "me:bb", RULES));
    }

    @Test
    void aCompareThatAnswersSomethingElseIsABugNamedAtOnce() {
        ObjectRules<String> broken = (current, desired) -> ObjectChange.DELETE;
        assertThrows(IllegalStateException.class, () -> ObjectChange.decide("x", "y", broken));
    }

    @Test
    void onlyTheFourWritingChangesWrite() {
        assertTrue(ObjectChange.CREATE.writes() && ObjectChange.PATCH.writes() && ObjectChange.REPLACE.writes()
                && ObjectChange.DELETE.writes());
        assertFalse(ObjectChange.NOTHING.writes() || ObjectChange.CONFLICT.writes());
    }
}
