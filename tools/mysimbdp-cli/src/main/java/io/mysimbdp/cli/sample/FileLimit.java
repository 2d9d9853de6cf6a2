package io.mysimbdp.cli.sample;

/** When a sample file is full: after a number of rows, or at the row that brings it closest to a size. */
sealed interface FileLimit {

    /**
     * Whether the next row still goes into the file.
     *
     * @param rowsWritten rows already in the file
     * @param bytesWithClosing bytes written so far plus the format's closing text
     * @param rowBytes size of the next row
     */
    boolean takes(long rowsWritten, long bytesWithClosing, long rowBytes);

    static FileLimit rows(long count) {
        return new Rows(count);
    }

    static FileLimit bytes(long size) {
        return new Bytes(size);
    }

    record Rows(long count) implements FileLimit {
        @Override
        public boolean takes(long rowsWritten, long bytesWithClosing, long rowBytes) {
            return rowsWritten < count;
        }
    }

    /** Every file gets at least one row; after that a row goes in if the file ends nearer the size with it. */
    record Bytes(long size) implements FileLimit {
        @Override
        public boolean takes(long rowsWritten, long bytesWithClosing, long rowBytes) {
            if (rowsWritten == 0) {
                return true;
            }
            long overshootWith = bytesWithClosing + rowBytes - size;
            long shortfallWithout = size - bytesWithClosing;
            return overshootWith <= 0 || overshootWith < shortfallWithout;
        }
    }
}
