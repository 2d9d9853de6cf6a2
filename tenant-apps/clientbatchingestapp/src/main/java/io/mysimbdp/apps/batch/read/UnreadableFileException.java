package io.mysimbdp.apps.batch.read;

import java.io.IOException;

/** The file as a whole cannot be ingested; the message is the reason reported in result.json. */
public final class UnreadableFileException extends IOException {
    public UnreadableFileException(String reason) {
        super(reason);
    }
}
