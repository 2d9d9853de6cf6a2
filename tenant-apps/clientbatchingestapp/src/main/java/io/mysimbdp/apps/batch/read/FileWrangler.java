package io.mysimbdp.apps.batch.read;

import io.mysimbdp.common.wrangle.IdDerivation;
import io.mysimbdp.common.wrangle.RecordOrigin;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleResult;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * The shared {@link RecordWrangler} applied to one file's records: a broken record (wrong column
 * count, not a JSON object) is refused with its problem; without key fields a record's {@code _id}
 * is the first 16 hex digits of the file's SHA-256 and the row number (the same file always gives
 * the same ids; another file never collides with it); every document is stamped
 * {@code _ingestion: {id, file, row, at}}.
 */
public final class FileWrangler {
    /** 64 bits of the hash: collisions between different files are negligible. */
    static final int HASH_PREFIX_HEX_DIGITS = 16;

    private final RecordWrangler wrangler;
    private final String idPrefix;
    private final String ingestionId;
    private final String file;
    private final Date at;

    /**
     * @param fileSha256  the file's SHA-256 as hex
     * @param ingestionId the job's id ({@code MYSIMBDP_INGESTION_ID})
     * @param file        the file's name, as stored in {@code _ingestion.file}
     * @param at          when this file's ingestion started, as stored in {@code _ingestion.at}
     */
    public FileWrangler(RecordWrangler wrangler, String fileSha256, String ingestionId, String file, Instant at) {
        this.wrangler = Objects.requireNonNull(wrangler);
        this.idPrefix = positionalIdPrefix(fileSha256);
        this.ingestionId = ingestionId;
        this.file = file;
        this.at = Date.from(at);
    }

    /** What a record's positional id starts with: the hash prefix and {@link IdDerivation#SEPARATOR}. */
    static String positionalIdPrefix(String fileSha256) {
        return fileSha256.substring(0, HASH_PREFIX_HEX_DIGITS) + IdDerivation.SEPARATOR;
    }

    public WrangleResult wrangle(SourceRecord record) {
        if (record.isBroken()) {
            return new WrangleResult.Rejected(record.problem());
        }
        return wrangler.wrangle(record.fields(), new Row(record.row()));
    }

    /** A row of this file. */
    private final class Row implements RecordOrigin {
        private final long row;

        Row(long row) {
            this.row = row;
        }

        @Override
        public String positionalId() {
            return idPrefix + row;
        }

        @Override
        public Document stamp() {
            return new Document("id", ingestionId).append("file", file).append("row", row).append("at", at);
        }
    }
}
