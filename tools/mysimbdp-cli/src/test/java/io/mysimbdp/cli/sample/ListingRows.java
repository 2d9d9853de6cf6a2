package io.mysimbdp.cli.sample;

/** What a wrangler would check on a row: the rules the deliberately bad rows break. */
final class ListingRows {
    private ListingRows() {
    }

    static boolean isBad(String[] row) {
        return row[ListingColumn.ID.ordinal()].isEmpty()
                || !row[ListingColumn.PRICE.ordinal()].matches("\\d+")
                || !isLatitude(row[ListingColumn.LATITUDE.ordinal()]);
    }

    static boolean isLatitude(String text) {
        try {
            double value = Double.parseDouble(text);
            return value >= -90 && value <= 90;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
