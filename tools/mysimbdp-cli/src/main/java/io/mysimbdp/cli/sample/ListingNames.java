package io.mysimbdp.cli.sample;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Listing titles the way hosts write them. A few carry the characters that break naive parsers:
 * commas (~1 in 50), embedded line breaks (~1 in 500), double quotes and non-ASCII text, so every
 * sample file exercises CSV quoting and UTF-8 handling.
 */
final class ListingNames {
    static final int COMMA_ONE_IN = 50;
    static final int NEWLINE_ONE_IN = 500;
    static final int QUOTE_ONE_IN = 250;
    static final int NON_ASCII_ONE_IN = 100;

    private static final String[] ADJECTIVES = {
            "Cozy", "Sunny", "Spacious", "Charming", "Bright", "Quiet", "Modern", "Lovely", "Clean",
            "Beautiful", "Huge", "Stylish", "Renovated", "Private", "Affordable", "Luxury", "Cute",
            "Large", "Comfy", "Peaceful", "Chic", "Skylit", "Artsy", "Gorgeous", "Classic"
    };
    private static final String[] PLACES = {
            "room", "studio", "1BR apartment", "2BR apartment", "loft", "brownstone floor", "bedroom",
            "apartment", "garden apartment", "penthouse", "townhouse", "suite", "duplex", "guest room",
            "3BR home", "railroad apartment", "basement studio", "attic room"
    };
    private static final String[] NEAR = {
            "Central Park", "the subway", "Prospect Park", "Times Square", "the L train", "JFK",
            "Columbia University", "the Barclays Center", "the High Line", "the waterfront", "Wall Street",
            "McCarren Park", "the G train", "Yankee Stadium", "the ferry"
    };
    private static final String[] FEATURES = {
            "steps to the subway", "great views", "private bath", "roof deck", "washer/dryer",
            "perfect for families", "sleeps 4", "no cleaning fee", "long stays welcome", "backyard",
            "walk to everything", "newly renovated", "exposed brick", "doorman building", "fast wifi"
    };
    private static final String[] NICKNAMES = {"The Nest", "Blue Door", "Little Italy", "Artist's Den", "Hideaway"};
    private static final String[] NON_ASCII = {"Café", "Château", "Brooklyn ♥", "Niño's", "Sunlit ★", "Maison Rosé"};

    /** One roll in this range decides the awkward character, so the shares stay independent of each other. */
    private static final int ROLL_RANGE = NEWLINE_ONE_IN;
    private static final int NEWLINE_BELOW = ROLL_RANGE / NEWLINE_ONE_IN;
    private static final int COMMA_BELOW = NEWLINE_BELOW + ROLL_RANGE / COMMA_ONE_IN;
    private static final int QUOTE_BELOW = COMMA_BELOW + ROLL_RANGE / QUOTE_ONE_IN;
    private static final int NON_ASCII_BELOW = QUOTE_BELOW + ROLL_RANGE / NON_ASCII_ONE_IN;

    private ListingNames() {
    }

    static String next(SplittableRandom random, Neighbourhood where) {
        String adjective = pick(random, ADJECTIVES);
        String place = pick(random, PLACES);
        int roll = random.nextInt(ROLL_RANGE);
        if (roll < NEWLINE_BELOW) {
            return adjective + " " + place + "\n" + pick(random, FEATURES);
        }
        if (roll < COMMA_BELOW) {
            return adjective + " " + place + ", " + pick(random, FEATURES);
        }
        if (roll < QUOTE_BELOW) {
            return "\"" + pick(random, NICKNAMES) + "\" " + adjective.toLowerCase(Locale.ROOT) + " " + place;
        }
        if (roll < NON_ASCII_BELOW) {
            return pick(random, NON_ASCII) + " " + place + " in " + where.name();
        }
        return switch (random.nextInt(3)) {
            case 0 -> adjective + " " + place + " in " + where.name();
            case 1 -> adjective + " " + place + " near " + pick(random, NEAR);
            default -> adjective + " " + place + " - " + pick(random, FEATURES);
        };
    }

    private static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
