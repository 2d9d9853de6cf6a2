package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CollectionNameTest {
    @Test
    void plainNamesPass() {
        assertNull(CollectionName.problem("listings"));
        assertNull(CollectionName.problem("listings_stream"));
        assertNull(CollectionName.problem("quarantine.listings-2025"));
        assertNull(CollectionName.problem("_tmp"));
    }

    @Test
    void systemDollarAndOddNamesAreRefused() {
        assertNotNull(CollectionName.problem("system.users"));
        assertNotNull(CollectionName.problem("a$b"));
        assertNotNull(CollectionName.problem("$cmd"));
        assertNotNull(CollectionName.problem(".hidden"));
        assertNotNull(CollectionName.problem("-x"));
        assertNotNull(CollectionName.problem("a b"));
        assertNotNull(CollectionName.problem(""));
        assertNotNull(CollectionName.problem("x".repeat(121)));
    }
}
