package io.mysimbdp.cli.sample;

import java.util.SplittableRandom;

/** Airbnb's room types with their 2019 shares (in percent) and a typical nightly price. */
enum RoomType {
    ENTIRE_HOME("Entire home/apt", 52, 160),
    PRIVATE_ROOM("Private room", 46, 70),
    SHARED_ROOM("Shared room", 2, 55);

    private static final int PERCENT = 100;
    private static final RoomType[] TYPES = values();

    private final String label;
    private final int sharePercent;
    private final int medianPrice;

    RoomType(String label, int sharePercent, int medianPrice) {
        this.label = label;
        this.sharePercent = sharePercent;
        this.medianPrice = medianPrice;
    }

    String label() {
        return label;
    }

    int medianPrice() {
        return medianPrice;
    }

    static RoomType pick(SplittableRandom random) {
        int ticket = random.nextInt(PERCENT);
        for (RoomType type : TYPES) {
            ticket -= type.sharePercent;
            if (ticket < 0) {
                return type;
            }
        }
        return TYPES[TYPES.length - 1];
    }
}
