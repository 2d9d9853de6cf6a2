package io.mysimbdp.cli.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The columns of the NYC Airbnb listings file ({@code AB_NYC_2019.csv}), in file order. */
public enum ListingColumn {
    ID("id", true),
    NAME("name", false),
    HOST_ID("host_id", true),
    HOST_NAME("host_name", false),
    NEIGHBOURHOOD_GROUP("neighbourhood_group", false),
    NEIGHBOURHOOD("neighbourhood", false),
    LATITUDE("latitude", true),
    LONGITUDE("longitude", true),
    ROOM_TYPE("room_type", false),
    PRICE("price", true),
    MINIMUM_NIGHTS("minimum_nights", true),
    NUMBER_OF_REVIEWS("number_of_reviews", true),
    LAST_REVIEW("last_review", false),
    REVIEWS_PER_MONTH("reviews_per_month", true),
    CALCULATED_HOST_LISTINGS_COUNT("calculated_host_listings_count", true),
    AVAILABILITY_365("availability_365", true);

    private static final List<ListingColumn> ALL = List.of(values());

    private final String fieldName;
    private final boolean numeric;

    ListingColumn(String fieldName, boolean numeric) {
        this.fieldName = fieldName;
        this.numeric = numeric;
    }

    /** The name in the CSV header and the JSON key. */
    public String fieldName() {
        return fieldName;
    }

    /** Numeric columns are written as JSON numbers when their text is a number. */
    public boolean numeric() {
        return numeric;
    }

    public static List<ListingColumn> all() {
        return ALL;
    }

    /** The column with this CSV header name / JSON key, if there is one. */
    public static Optional<ListingColumn> byFieldName(String fieldName) {
        return ALL.stream().filter(column -> column.fieldName.equals(fieldName)).findFirst();
    }

    public static int count() {
        return ALL.size();
    }

    /** The CSV header line without its line end. */
    public static String header() {
        return Arrays.stream(values()).map(ListingColumn::fieldName).collect(Collectors.joining(","));
    }
}
