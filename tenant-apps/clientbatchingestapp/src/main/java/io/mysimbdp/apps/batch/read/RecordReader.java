package io.mysimbdp.apps.batch.read;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the records of one file, one at a time, so memory does not depend on the file's size.
 * A broken record is returned (see {@link SourceRecord#problem()}); an exception means the rest
 * of the file cannot be read.
 */
public interface RecordReader extends Closeable {

    /** The next record, or null at the end of the file. */
    SourceRecord next() throws IOException;

    /** Bytes of the file consumed so far. */
    long bytesRead();
}
