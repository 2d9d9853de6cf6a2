package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTableTest {
    private static final String NL = System.lineSeparator();

    @Test
    void columnsLineUpNumbersToTheRightTextToTheLeft() {
        List<StreamRow> rows = List.of(
                new StreamRow("tenant1", "listings", "2 [1-4]", "2", "3s ago", "12000", "2400.5", "37", "0.420", "3",
                        "SCALE_OUT 40s ago"),
                new StreamRow("t2", "prices", "1", "-", "-", "5", "1.0", "123456", "-", "0", "-"));

        String[] lines = StreamTable.render(rows).split(NL);

        assertEquals(3, lines.length);
        assertEquals("TENANT   TOPIC     WANTED   RUNNING  REPORTED  MESSAGES     QPS     LAG  AVG MS/MSG  FAILED  LAST ALERT",
                lines[0]);
        assertEquals("tenant1  listings  2 [1-4]        2  3s ago       12000  2400.5      37       0.420       3  SCALE_OUT 40s ago",
                lines[1]);
        assertEquals("t2       prices    1              -  -                5     1.0  123456           -       0  -",
                lines[2]);
    }

    @Test
    void everyLineHasTheSameColumnStartsAndNoTrailingBlanks() {
        List<StreamRow> rows = List.of(
                new StreamRow("a", "b", "1", "1", "-", "1", "1.0", "1", "1", "1", "-"),
                new StreamRow("a-much-longer-tenant", "topic_with_underscores", "10", "10", "59m ago", "1", "1", "1", "1",
                        "1", "ERROR 2d ago"));

        for (String line : StreamTable.render(rows).split(NL)) {
            assertEquals(line.stripTrailing(), line);
            assertEquals(' ', line.charAt("a-much-longer-tenant".length()), line);
        }
    }

    @Test
    void noStreamsSaysSo() {
        assertTrue(StreamTable.render(List.of()).startsWith(StreamTable.NO_STREAMS));
    }
}
