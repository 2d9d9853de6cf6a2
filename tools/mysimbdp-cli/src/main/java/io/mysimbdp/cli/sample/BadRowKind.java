package io.mysimbdp.cli.sample;

/**
 * The ways a generated row is deliberately broken, so ingestion apps can be tested on rejects:
 * each breaks one rule a wrangler must check (a number, a coordinate range, a key).
 */
public enum BadRowKind {
    /** Price written as text a person would type, e.g. {@code "$150"} or {@code "ask host"}. */
    NON_NUMERIC_PRICE {
        @Override
        void spoil(String[] cells, long variant) {
            String price = cells[ListingColumn.PRICE.ordinal()];
            cells[ListingColumn.PRICE.ordinal()] = PRICE_TEXTS[(int) (variant % PRICE_TEXTS.length)].formatted(price);
        }
    },
    /** Latitude not a number, hence not within the valid range either. */
    LATITUDE_NOT_AVAILABLE {
        @Override
        void spoil(String[] cells, long variant) {
            cells[ListingColumn.LATITUDE.ordinal()] = NOT_AVAILABLE;
        }
    },
    /** No id: the row has no key to store it under. */
    MISSING_ID {
        @Override
        void spoil(String[] cells, long variant) {
            cells[ListingColumn.ID.ordinal()] = "";
        }
    };

    static final String NOT_AVAILABLE = "n/a";
    private static final String[] PRICE_TEXTS = {"$%s", "%s USD", "ask host", "call", "free?"};
    private static final BadRowKind[] KINDS = values();

    abstract void spoil(String[] cells, long variant);

    /** {@code share} in [0, 1) picks a kind evenly. */
    static BadRowKind forShare(double share) {
        return KINDS[Math.min(KINDS.length - 1, (int) (share * KINDS.length))];
    }
}
