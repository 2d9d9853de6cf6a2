package io.mysimbdp.apps.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of a job: every regular file of the input directory, in name order. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Dotfiles are skipped (editor and copy leftovers); so are symbolic links, which could point
     * outside the input directory the app is confined to.
     */
    static List<Path> list(Path inputDir) throws IOException {
        try (Stream<Path> entries = Files.list(inputDir)) {
            return entries
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }
}
