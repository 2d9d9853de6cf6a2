package io.mysimbdp.cli.sample;

import io.mysimbdp.cli.ByteSizeConverter;
import io.mysimbdp.common.profile.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mysimbdp sample-data}: writes listing-shaped test files for the batch path and benchmarks. */
@Command(name = "sample-data",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Generate NYC Airbnb listing-like test files (AB_NYC_2019.csv columns).",
                "The same options and seed always give byte-identical files; ids continue across files.",
                "Files are written as <prefix>-0001.<ext>.part and renamed when complete."
        },
        footer = {
                "",
                "Examples:",
                "  mysimbdp sample-data --format csv --size 10MiB --files 3 --out /tmp/x",
                "  mysimbdp sample-data --format jsonl --rows 1000 --bad-rows 0.05"
        })
public final class SampleDataCommand implements Callable<Integer> {
    static final long DEFAULT_ROWS = 1000;
    private static final String FILE_NUMBER_FORMAT = "%s-%04d.%s";
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MIB = 1 << 20;
    /** Spreads file numbers over the seed space so each file gets an unrelated random stream. */
    private static final long FILE_SEED_MIX = 0x9E3779B97F4A7C15L;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv, json (one array of objects) or jsonl (one object per line). Default: ${DEFAULT-VALUE}.")
    SampleFormat format;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    FileSize fileSize;

    static final class FileSize {
        @Option(names = "--size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
                description = "Size of each file: bytes, or with a unit (500KB, 10MiB, 2GiB).")
        Long bytes;

        @Option(names = "--rows", paramLabel = "N",
                description = "Rows in each file, instead of --size. Default: " + DEFAULT_ROWS + ".")
        Long rows;
    }

    @Option(names = "--files", paramLabel = "N", defaultValue = "1",
            description = "Number of files. Default: ${DEFAULT-VALUE}.")
    int files;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory to write to; created if missing. Default: the current directory.")
    Path out;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "listings",
            description = "File name prefix. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start-id", paramLabel = "N", defaultValue = "1",
            description = "Id of the first row. Default: ${DEFAULT-VALUE}.")
    long startId;

    @Option(names = "--bad-rows", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share of rows made deliberately bad (non-numeric price, latitude \"n/a\", "
                    + "missing id), from 0 to 1. Default: ${DEFAULT-VALUE}.")
    double badRows;

    @Override
    public Integer call() throws IOException {
        validate();
        Files.createDirectories(out);
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<WrittenFile> written = new ArrayList<>();
        long nextId = startId;
        for (int number = 1; number <= files; number++) {
            Path target = out.resolve(String.format(Locale.ROOT, FILE_NUMBER_FORMAT, prefix, number, format.extension()));
            ListingGenerator generator = new ListingGenerator(fileSeed(number), nextId, badRows);
            WrittenFile file = SampleFileWriter.write(target, format.encoder(), generator, limit());
            written.add(file);
            nextId = file.lastId() + 1;
            stdout.printf(Locale.ROOT, "%s  rows=%d  bytes=%d (%s)  ids=%d..%d%n",
                    file.path(), file.rows(), file.bytes(), ByteSize.format(file.bytes()), file.firstId(), file.lastId());
            stdout.flush();
        }
        printTotal(stdout, written, System.nanoTime() - started);
        return 0;
    }

    private void validate() {
        requireAtLeast("--files", files, 1);
        if (fileSize != null && fileSize.rows != null) {
            requireAtLeast("--rows", fileSize.rows, 1);
        }
        requireAtLeast("--start-id", startId, 0);
        if (!(badRows >= 0 && badRows <= 1)) {
            throw invalid("--bad-rows", badRows, "must be between 0 and 1");
        }
        if (prefix.isBlank() || prefix.contains("/") || prefix.contains("\\")) {
            throw invalid("--prefix", prefix, "must be a plain file name part");
        }
    }

    private void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw invalid(option, value, "must be at least " + min);
        }
    }

    /** Same wording as picocli's own conversion errors, so every bad option reads alike. */
    private ParameterException invalid(String option, Object value, String rule) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + value + "' " + rule);
    }

    private FileLimit limit() {
        if (fileSize != null && fileSize.bytes != null) {
            return FileLimit.bytes(fileSize.bytes);
        }
        return FileLimit.rows(fileSize != null && fileSize.rows != null ? fileSize.rows : DEFAULT_ROWS);
    }

    /** Each file has its own stream, so file N's rows do not depend on how many files come after it. */
    private long fileSeed(int number) {
        return seed ^ (number * FILE_SEED_MIX);
    }

    private static void printTotal(PrintWriter stdout, List<WrittenFile> written, long elapsedNanos) {
        long rows = written.stream().mapToLong(WrittenFile::rows).sum();
        long bytes = written.stream().mapToLong(WrittenFile::bytes).sum();
        double seconds = Math.max(elapsedNanos, 1) / NANOS_PER_SECOND;
        stdout.printf(Locale.ROOT, "total: %d files  rows=%d  bytes=%d (%s)  in %.1f s (%.1f MiB/s)%n",
                written.size(), rows, bytes, ByteSize.format(bytes), seconds, bytes / BYTES_PER_MIB / seconds);
        stdout.flush();
    }
}
