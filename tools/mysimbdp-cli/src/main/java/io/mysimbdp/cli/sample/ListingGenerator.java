package io.mysimbdp.cli.sample;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Produces listing rows (one text cell per {@link ListingColumn}) from a seed: the same seed and
 * first id give the same rows on every run. Ids are consecutive from {@code firstId}; a row whose id
 * is removed as a bad row still uses up its id, so ids never repeat across the files of one run.
 */
final class ListingGenerator {
    static final int COORDINATE_DECIMALS = 5;
    static final int RATE_DECIMALS = 2;
    static final int MIN_PRICE = 20;
    static final int MAX_PRICE = 1000;
    static final LocalDate FIRST_REVIEW_DAY = LocalDate.of(2011, 3, 28);
    /** The day the 2019 data was scraped: no review is later, and rates are counted up to it. */
    static final LocalDate DATA_TAKEN_DAY = LocalDate.of(2019, 7, 8);

    /** How far a listing may sit from its neighbourhood's centre, in degrees (about 1 km). */
    private static final double COORDINATE_JITTER = 0.009;
    /** Price spread around the room type's median: exp of a bell curve of this width. */
    private static final double PRICE_SPREAD = 0.9;
    private static final double NO_REVIEWS_SHARE = 0.2;
    private static final int MAX_REVIEWS = 630;
    private static final double DAYS_PER_AVERAGE_MONTH = 30.44;
    private static final int CENTS = 100;
    private static final double NEVER_AVAILABLE_SHARE = 0.35;
    private static final int DAYS_PER_YEAR = 365;
    /** minimum_nights as cumulative percent: 45% one night, then 2, 3, 4-7 nights, a month, longer. */
    private static final int PERCENT = 100;
    private static final int ONE_NIGHT_BELOW = 45;
    private static final int TWO_NIGHTS_BELOW = 68;
    private static final int THREE_NIGHTS_BELOW = 80;
    private static final int UP_TO_A_WEEK_BELOW = 90;
    private static final int MONTH_BELOW = 97;
    private static final int DAYS_PER_MONTH = 30;
    private static final int LONG_STAY_MIN_NIGHTS = 8;

    /** Hosts: most have one listing, a few professionals have hundreds. */
    private static final int HOST_POOL = 40_000;
    private static final int PROFESSIONAL_HOSTS = 250;
    private static final double PROFESSIONAL_SHARE = 0.12;
    private static final long FIRST_HOST_ID = 2_438L;
    private static final long HOST_ID_SPAN = 274_000_000L;
    /** A prime stride spreads host indexes over the id span without two hosts sharing an id. */
    private static final long HOST_ID_STRIDE = 2_654_435_761L;
    private static final int MAX_PROFESSIONAL_LISTINGS = 327;
    /** Every n-th private host lists a second place. */
    private static final int SECOND_LISTING_EVERY = 7;
    private static final String[] HOST_NAMES = {
            "Michael", "David", "John", "Alex", "Sarah", "Maria", "Daniel", "Jessica", "Anna", "Chris",
            "Mike", "Laura", "Jennifer", "Emily", "Kevin", "Carlos", "Yuki", "Olga", "Ahmed", "Mei",
            "Jean-Pierre", "Siobhan", "Raj", "Fatima", "José", "Zoë", "Björn", "Ngozi", "Sam & Alex", "Kim"
    };
    private static final String[] PROFESSIONAL_HOST_NAMES = {
            "Sonder (NYC)", "Blueground", "Corporate Housing", "Stay Pad", "Urban Lofts", "Hosted Homes"
    };

    private final SplittableRandom random;
    private final double badRowFraction;
    private long nextId;

    ListingGenerator(long seed, long firstId, double badRowFraction) {
        this.random = new SplittableRandom(seed);
        this.nextId = firstId;
        this.badRowFraction = badRowFraction;
    }

    /** The id the next row gets (or would have got, when it is a bad row without id). */
    long nextId() {
        return nextId;
    }

    String[] next() {
        long id = nextId++;
        Neighbourhood where = NycNeighbourhoods.pick(random);
        RoomType room = RoomType.pick(random);
        int host = pickHost();
        int reviews = reviewCount();

        String[] cells = new String[ListingColumn.count()];
        cells[ListingColumn.ID.ordinal()] = Long.toString(id);
        cells[ListingColumn.NAME.ordinal()] = ListingNames.next(random, where);
        cells[ListingColumn.HOST_ID.ordinal()] = Long.toString(hostId(host));
        cells[ListingColumn.HOST_NAME.ordinal()] = hostName(host);
        cells[ListingColumn.NEIGHBOURHOOD_GROUP.ordinal()] = where.borough();
        cells[ListingColumn.NEIGHBOURHOOD.ordinal()] = where.name();
        cells[ListingColumn.LATITUDE.ordinal()] = coordinate(where.latitude(),
                NycNeighbourhoods.MIN_LATITUDE, NycNeighbourhoods.MAX_LATITUDE);
        cells[ListingColumn.LONGITUDE.ordinal()] = coordinate(where.longitude(),
                NycNeighbourhoods.MIN_LONGITUDE, NycNeighbourhoods.MAX_LONGITUDE);
        cells[ListingColumn.ROOM_TYPE.ordinal()] = room.label();
        cells[ListingColumn.PRICE.ordinal()] = Integer.toString(price(room));
        cells[ListingColumn.MINIMUM_NIGHTS.ordinal()] = Integer.toString(minimumNights());
        cells[ListingColumn.NUMBER_OF_REVIEWS.ordinal()] = Integer.toString(reviews);
        cells[ListingColumn.LAST_REVIEW.ordinal()] = "";
        cells[ListingColumn.REVIEWS_PER_MONTH.ordinal()] = "";
        if (reviews > 0) {
            review(cells, reviews);
        }
        cells[ListingColumn.CALCULATED_HOST_LISTINGS_COUNT.ordinal()] = Integer.toString(hostListings(host));
        cells[ListingColumn.AVAILABILITY_365.ordinal()] = Integer.toString(availability());

        // always drawn, so a row's good values do not depend on --bad-rows
        double badness = random.nextDouble();
        if (badness < badRowFraction) {
            BadRowKind.forShare(badness / badRowFraction).spoil(cells, id);
        }
        return cells;
    }

    private int pickHost() {
        return random.nextDouble() < PROFESSIONAL_SHARE
                ? random.nextInt(PROFESSIONAL_HOSTS)
                : PROFESSIONAL_HOSTS + random.nextInt(HOST_POOL - PROFESSIONAL_HOSTS);
    }

    private static long hostId(int host) {
        return FIRST_HOST_ID + Math.floorMod(host * HOST_ID_STRIDE, HOST_ID_SPAN);
    }

    private static String hostName(int host) {
        return host < PROFESSIONAL_HOSTS
                ? PROFESSIONAL_HOST_NAMES[host % PROFESSIONAL_HOST_NAMES.length]
                : HOST_NAMES[host % HOST_NAMES.length];
    }

    /** Derived from the host, so one host always shows the same count. */
    private static int hostListings(int host) {
        if (host < PROFESSIONAL_HOSTS) {
            return 2 + (int) ((host * 37L) % MAX_PROFESSIONAL_LISTINGS);
        }
        return host % SECOND_LISTING_EVERY == 0 ? 2 : 1;
    }

    private String coordinate(double centre, double min, double max) {
        double value = centre + (random.nextDouble() * 2 - 1) * COORDINATE_JITTER;
        return Decimals.fixed(Decimals.scale(Math.max(min, Math.min(max, value)), COORDINATE_DECIMALS),
                COORDINATE_DECIMALS);
    }

    private int price(RoomType room) {
        // sum of three uniforms is a cheap, JDK-independent bell curve
        double bell = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5;
        long price = Math.round(room.medianPrice() * Math.exp(bell * PRICE_SPREAD));
        return (int) Math.max(MIN_PRICE, Math.min(MAX_PRICE, price));
    }

    private int minimumNights() {
        int roll = random.nextInt(PERCENT);
        if (roll < ONE_NIGHT_BELOW) {
            return 1;
        }
        if (roll < TWO_NIGHTS_BELOW) {
            return 2;
        }
        if (roll < THREE_NIGHTS_BELOW) {
            return 3;
        }
        if (roll < UP_TO_A_WEEK_BELOW) {
            return 4 + random.nextInt(4);
        }
        if (roll < MONTH_BELOW) {
            return DAYS_PER_MONTH;
        }
        return LONG_STAY_MIN_NIGHTS + random.nextInt(DAYS_PER_YEAR - LONG_STAY_MIN_NIGHTS);
    }

    private int reviewCount() {
        if (random.nextDouble() < NO_REVIEWS_SHARE) {
            return 0;
        }
        return (int) Math.exp(random.nextDouble() * Math.log(MAX_REVIEWS));
    }

    /**
     * last_review and reviews_per_month agree with number_of_reviews, as in the real data:
     * the rate is the reviews over the months from a first review to the day the data was taken.
     */
    private void review(String[] cells, int reviews) {
        long first = FIRST_REVIEW_DAY.toEpochDay();
        long last = DATA_TAKEN_DAY.toEpochDay();
        double recent = random.nextDouble();
        // cubing skews toward the end: most listings were reviewed in the last months of the data
        long lastReview = last - (long) ((last - first) * recent * recent * recent);
        long firstReview = first + (long) ((lastReview - first) * random.nextDouble());
        double months = Math.max(1.0, (last - firstReview) / DAYS_PER_AVERAGE_MONTH);
        long rateCents = Math.max(1, Math.round(reviews / months * CENTS));
        cells[ListingColumn.LAST_REVIEW.ordinal()] = LocalDate.ofEpochDay(lastReview).toString();
        cells[ListingColumn.REVIEWS_PER_MONTH.ordinal()] = Decimals.fixed(rateCents, RATE_DECIMALS);
    }

    private int availability() {
        return random.nextDouble() < NEVER_AVAILABLE_SHARE ? 0 : 1 + random.nextInt(DAYS_PER_YEAR);
    }
}
