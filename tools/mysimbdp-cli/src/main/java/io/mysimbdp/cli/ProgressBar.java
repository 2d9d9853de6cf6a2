package io.mysimbdp.cli;

import io.mysimbdp.common.profile.ByteSize;

/** The upload progress line, as a pure rendering of bytes sent out of bytes in all. */
final class ProgressBar {
    static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** {@code name [#########.....]  30%  3 MiB / 10 MiB}; an empty file is 100%. */
    static String render(String name, long sent, long total) {
        double share = total <= 0 ? 1.0 : Math.min(1.0, (double) sent / total);
        int filled = (int) Math.floor(share * WIDTH);
        return name + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", (int) Math.floor(share * 100)) + "  " + ByteSize.format(sent) + " / " + ByteSize.format(total);
    }
}
