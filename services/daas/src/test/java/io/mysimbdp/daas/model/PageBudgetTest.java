package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageBudgetTest {
    @Test
    void documentsAreTakenWhileTheBytesAllowAndTheCapIsNeverPassed() {
        PageBudget b = new PageBudget(1000, 10);
        assertTrue(b.take(4));
        assertTrue(b.take(4));
        assertFalse(b.take(4));   // 12 > 10
        assertFalse(b.take(1));   // closed once stopped: a page never skips a document
        assertEquals(2, b.documents());
        assertEquals(8, b.bytes());
        assertEquals(PageBudget.Stop.BYTES, b.stop());
    }

    @Test
    void theFirstDocumentIsTakenEvenWhenLargerThanTheCapSoPagingMovesOn() {
        PageBudget b = new PageBudget(10, 10);
        assertTrue(b.take(50));
        assertFalse(b.take(1));
        assertEquals(PageBudget.Stop.BYTES, b.stop());
    }

    @Test
    void theLimitStopsThePage() {
        PageBudget b = new PageBudget(2, 1000);
        assertTrue(b.take(1));
        assertFalse(b.full());
        assertTrue(b.take(1));
        assertTrue(b.full());
        assertNull(b.stop());
        assertFalse(b.take(1));
        assertEquals(PageBudget.Stop.LIMIT, b.stop());
    }

    @Test
    void exactlyTheCapFits() {
        PageBudget b = new PageBudget(10, 10);
        assertTrue(b.take(5));
        assertTrue(b.take(5));
        assertNull(b.stop());
    }
}
