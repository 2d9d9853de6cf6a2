package io.mysimbdp.cli.sample;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Stream messages made of listing rows: each value is one listing as a JSON object (the same row model
 * and encoder as {@code sample-data --format jsonl}, without the line end), its key the value of one
 * column of the listing before any spoiling, so a poison message still carries its id as key and a test
 * can count keys exactly. The same seed, first id and poison share always give the same messages.
 */
public final class ListingMessageGenerator {
    /** Keeps poison draws apart from the listing values: a listing does not change with the poison share. */
    private static final long POISON_SEED_MIX = 0x5DEECE66DL;
    private static final int ROW_CHARS = 512;
    /** A NOT_JSON value is cut somewhere in this middle part of the listing's text. */
    private static final double CUT_FROM = 0.25;
    private static final double CUT_SPAN = 0.5;

    private final ListingGenerator listings;
    private final SplittableRandom poisonRandom;
    private final double poisonFraction;
    private final ListingColumn keyColumn;
    private final JsonRecordEncoder encoder = new JsonRecordEncoder(JsonRecordEncoder.Layout.OBJECT);

    /**
     * @param poisonFraction share of poison messages, 0 to 1, split evenly over the {@link MessagePoison} kinds
     * @param keyColumn      the column whose value is the message key (null: messages without key)
     */
    public ListingMessageGenerator(long seed, long firstId, double poisonFraction, ListingColumn keyColumn) {
        if (!(poisonFraction >= 0 && poisonFraction <= 1)) {
            throw new IllegalArgumentException("poison fraction must be between 0 and 1, got " + poisonFraction);
        }
        this.listings = new ListingGenerator(seed, firstId, 0);
        this.poisonRandom = new SplittableRandom(seed ^ POISON_SEED_MIX);
        this.poisonFraction = poisonFraction;
        this.keyColumn = keyColumn;
    }

    public ListingMessage next() {
        long id = listings.nextId();
        String[] cells = listings.next();
        String key = keyOf(cells);
        // always drawn, so whether message n is poison does not depend on the messages before it being poison
        double badness = poisonRandom.nextDouble();
        double variant = poisonRandom.nextDouble();
        MessagePoison poison = badness < poisonFraction ? MessagePoison.forShare(badness / poisonFraction) : null;
        if (poison == MessagePoison.MISSING_ID) {
            BadRowKind.MISSING_ID.spoil(cells, id);
        } else if (poison == MessagePoison.WRONG_TYPE) {
            BadRowKind wrongType = variant < 0.5 ? BadRowKind.NON_NUMERIC_PRICE : BadRowKind.LATITUDE_NOT_AVAILABLE;
            wrongType.spoil(cells, id);
        }
        // a fresh builder per message: see SampleFileWriter on builders turning UTF-16
        StringBuilder text = new StringBuilder(ROW_CHARS);
        encoder.appendRow(text, cells, true);
        if (poison == MessagePoison.NOT_JSON) {
            text.setLength(cutPoint(text, variant));
        }
        return new ListingMessage(id, key, text.toString().getBytes(StandardCharsets.UTF_8), poison);
    }

    private String keyOf(String[] cells) {
        if (keyColumn == null) {
            return null;
        }
        String value = cells[keyColumn.ordinal()];
        return value.isEmpty() ? null : value;
    }

    /** Somewhere in the middle, never between the two halves of a surrogate pair; always short of the closing brace. */
    private static int cutPoint(CharSequence text, double variant) {
        int cut = (int) (text.length() * (CUT_FROM + CUT_SPAN * variant));
        if (cut > 1 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return Math.max(1, Math.min(cut, text.length() - 1));
    }
}
