package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingGeneratorTest {
    private static final int ROWS = 50_000;
    private static final Set<String> ROOM_TYPES = Set.of("Entire home/apt", "Private room", "Shared room");

    @Test
    void valuesLookLikeNycListings() {
        Set<String> boroughs = Set.copyOf(NycNeighbourhoods.boroughNames());
        for (String[] row : rows(new ListingGenerator(7, 1, 0), ROWS)) {
            assertEquals(ListingColumn.count(), row.length);
            assertTrue(boroughs.contains(cell(row, ListingColumn.NEIGHBOURHOOD_GROUP)), String.join("|", row));
            double latitude = Double.parseDouble(cell(row, ListingColumn.LATITUDE));
            double longitude = Double.parseDouble(cell(row, ListingColumn.LONGITUDE));
            assertTrue(latitude >= NycNeighbourhoods.MIN_LATITUDE && latitude <= NycNeighbourhoods.MAX_LATITUDE, "latitude " + latitude);
            assertTrue(longitude >= NycNeighbourhoods.MIN_LONGITUDE && longitude <= NycNeighbourhoods.MAX_LONGITUDE, "longitude " + longitude);
            assertTrue(ROOM_TYPES.contains(cell(row, ListingColumn.ROOM_TYPE)));
            int price = Integer.parseInt(cell(row, ListingColumn.PRICE));
            assertTrue(price >= ListingGenerator.MIN_PRICE && price <= ListingGenerator.MAX_PRICE, "price " + price);
            assertTrue(Integer.parseInt(cell(row, ListingColumn.MINIMUM_NIGHTS)) >= 1);
            int availability = Integer.parseInt(cell(row, ListingColumn.AVAILABILITY_365));
            assertTrue(availability >= 0 && availability <= 365);
            assertTrue(Integer.parseInt(cell(row, ListingColumn.CALCULATED_HOST_LISTINGS_COUNT)) >= 1);
            assertReviewFieldsAgree(row);
        }
    }

    @Test
    void someNamesCarryCommasAndLineBreaksAtTheDocumentedRates() {
        List<String[]> rows = rows(new ListingGenerator(7, 1, 0), ROWS);
        long commas = rows.stream().filter(row -> cell(row, ListingColumn.NAME).contains(",")).count();
        long lineBreaks = rows.stream().filter(row -> cell(row, ListingColumn.NAME).contains("\n")).count();

        assertEquals(1.0 / ListingNames.COMMA_ONE_IN, commas / (double) ROWS, 0.004, commas + " names with commas");
        assertEquals(1.0 / ListingNames.NEWLINE_ONE_IN, lineBreaks / (double) ROWS, 0.001, lineBreaks + " names with line breaks");
    }

    @Test
    void badRowsComeInEveryKindAtTheAskedShare() {
        Map<BadRowKind, Integer> kinds = new EnumMap<>(BadRowKind.class);
        List<String[]> rows = rows(new ListingGenerator(7, 1, 0.3), ROWS);
        for (String[] row : rows) {
            if (cell(row, ListingColumn.ID).isEmpty()) {
                kinds.merge(BadRowKind.MISSING_ID, 1, Integer::sum);
            } else if (cell(row, ListingColumn.LATITUDE).equals(BadRowKind.NOT_AVAILABLE)) {
                kinds.merge(BadRowKind.LATITUDE_NOT_AVAILABLE, 1, Integer::sum);
            } else if (!cell(row, ListingColumn.PRICE).matches("\\d+")) {
                kinds.merge(BadRowKind.NON_NUMERIC_PRICE, 1, Integer::sum);
            }
        }
        for (BadRowKind kind : BadRowKind.values()) {
            assertEquals(0.1, kinds.getOrDefault(kind, 0) / (double) ROWS, 0.01, kind + ": " + kinds);
        }
    }

    @Test
    void goodValuesDoNotDependOnTheBadRowShare() {
        List<String[]> clean = rows(new ListingGenerator(3, 1, 0), 1000);
        List<String[]> spoiled = rows(new ListingGenerator(3, 1, 0.5), 1000);

        for (int i = 0; i < clean.size(); i++) {
            assertEquals(cell(clean.get(i), ListingColumn.NAME), cell(spoiled.get(i), ListingColumn.NAME));
        }
    }

    @Test
    void sameSeedSameRows() {
        List<String[]> first = rows(new ListingGenerator(11, 100, 0.2), 500);
        List<String[]> second = rows(new ListingGenerator(11, 100, 0.2), 500);

        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
    }

    @Test
    void idsAreConsecutiveFromTheFirstId() {
        ListingGenerator generator = new ListingGenerator(1, 41, 0);
        List<String[]> rows = rows(generator, 3);

        assertEquals(List.of("41", "42", "43"), rows.stream().map(row -> cell(row, ListingColumn.ID)).toList());
        assertEquals(44, generator.nextId());
    }

    private static void assertReviewFieldsAgree(String[] row) {
        int reviews = Integer.parseInt(cell(row, ListingColumn.NUMBER_OF_REVIEWS));
        String lastReview = cell(row, ListingColumn.LAST_REVIEW);
        String perMonth = cell(row, ListingColumn.REVIEWS_PER_MONTH);
        if (reviews == 0) {
            assertEquals("", lastReview);
            assertEquals("", perMonth);
            return;
        }
        LocalDate day = LocalDate.parse(lastReview);
        assertTrue(!day.isBefore(ListingGenerator.FIRST_REVIEW_DAY) && !day.isAfter(ListingGenerator.DATA_TAKEN_DAY), lastReview);
        double rate = Double.parseDouble(perMonth);
        assertTrue(rate >= 0.01 && rate <= reviews, "rate " + rate + " for " + reviews + " reviews");
    }

    private static String cell(String[] row, ListingColumn column) {
        return row[column.ordinal()];
    }

    private static List<String[]> rows(ListingGenerator generator, int count) {
        List<String[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(generator.next());
        }
        return rows;
    }
}
