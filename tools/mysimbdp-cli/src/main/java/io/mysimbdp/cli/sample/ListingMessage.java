package io.mysimbdp.cli.sample;

/**
 * One generated stream message: the listing it was made from ({@code id}, consecutive across a run even
 * for poison messages), its Kafka key and its UTF-8 value; {@code poison} is null for a good message.
 */
public record ListingMessage(long id, String key, byte[] value, MessagePoison poison) {

    public boolean isPoison() {
        return poison != null;
    }
}
