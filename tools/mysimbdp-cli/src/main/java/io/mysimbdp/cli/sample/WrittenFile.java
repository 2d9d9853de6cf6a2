package io.mysimbdp.cli.sample;

import java.nio.file.Path;

/** A finished sample file: where it is, how many rows and bytes it holds, and the ids it used. */
public record WrittenFile(Path path, long rows, long bytes, long firstId, long lastId) {
}
