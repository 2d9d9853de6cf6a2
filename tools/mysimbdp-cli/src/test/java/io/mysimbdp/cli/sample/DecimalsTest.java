package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void fixedKeepsEveryDecimalAndTheSign() {
        assertEquals("40.71234", Decimals.fixed(Decimals.scale(40.712344, 5), 5));
        assertEquals("-73.00010", Decimals.fixed(Decimals.scale(-73.0001, 5), 5));
        assertEquals("-0.05000", Decimals.fixed(-5000, 5));
        assertEquals("0.01", Decimals.fixed(1, 2));
        assertEquals("12.30", Decimals.fixed(1230, 2));
    }
}
