package io.mysimbdp.cli.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mysimbdp.cli.CliRun;
import io.mysimbdp.common.profile.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleDataCommandTest {
    private static final double SIZE_TOLERANCE = 0.02;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl"})
    void sameArgumentsGiveByteIdenticalFiles(String format) throws IOException {
        String[] args = {"--format", format, "--size", "300KB", "--files", "2", "--bad-rows", "0.1"};
        generate(dir.resolve("a"), args);
        generate(dir.resolve("b"), args);

        List<Path> first = SampleFiles.list(dir.resolve("a"));
        assertEquals(2, first.size());
        for (Path file : first) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("b").resolve(file.getFileName())),
                    file.getFileName() + " differs between two runs");
        }
    }

    @Test
    void anotherSeedGivesOtherRows() throws IOException {
        generate(dir.resolve("a"), "--rows", "100", "--seed", "1");
        generate(dir.resolve("b"), "--rows", "100", "--seed", "2");

        assertFalse(Files.readString(dir.resolve("a/listings-0001.csv"))
                .equals(Files.readString(dir.resolve("b/listings-0001.csv"))));
    }

    @ParameterizedTest
    @CsvSource({"csv,500KB", "csv,2MiB", "json,500KB", "json,2MiB", "jsonl,500KB", "jsonl,2MiB"})
    void sizeLandsWithinTwoPercent(String format, String size) throws IOException {
        generate(dir, "--format", format, "--size", size, "--files", "2");

        long wanted = ByteSize.parse(size);
        for (Path file : SampleFiles.list(dir)) {
            long actual = Files.size(file);
            assertTrue(Math.abs(actual - wanted) <= wanted * SIZE_TOLERANCE,
                    file.getFileName() + " is " + actual + " bytes, wanted about " + wanted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl"})
    void rowsOptionWritesExactlyThatManyRowsPerFile(String format) throws IOException {
        generate(dir, "--format", format, "--rows", "1234", "--files", "3");

        List<Path> files = SampleFiles.list(dir);
        assertEquals(3, files.size());
        for (Path file : files) {
            assertEquals(1234, SampleFiles.rows(file).size(), file.getFileName().toString());
        }
    }

    @Test
    void withoutSizeOrRowsEachFileHasTheDefaultRowCount() throws IOException {
        generate(dir);

        assertEquals(SampleDataCommand.DEFAULT_ROWS, SampleFiles.rows(dir.resolve("listings-0001.csv")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl"})
    void idsAreUniqueAndContinueAcrossFiles(String format) throws IOException {
        generate(dir, "--format", format, "--size", "200KB", "--files", "3", "--start-id", "5000");

        long expected = 5000;
        Set<String> seen = new HashSet<>();
        for (Path file : SampleFiles.list(dir)) {
            for (String[] row : SampleFiles.rows(file)) {
                String id = row[ListingColumn.ID.ordinal()];
                assertEquals(Long.toString(expected++), id, "ids run on from file to file");
                assertTrue(seen.add(id), "id " + id + " repeats");
            }
        }
    }

    @Test
    void filesAreNamedByPrefixAndNumberWithNoPartFileLeft() throws IOException {
        CliRun run = generate(dir.resolve("new/sub"), "--format", "jsonl", "--rows", "10", "--files", "3", "--prefix", "tenant1-rooms");

        List<String> names = SampleFiles.list(dir.resolve("new/sub")).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("tenant1-rooms-0001.jsonl", "tenant1-rooms-0002.jsonl", "tenant1-rooms-0003.jsonl"), names);
        assertTrue(names.stream().noneMatch(name -> name.endsWith(SampleFileWriter.PART_SUFFIX)));
        String[] lines = run.out().split("\n");
        assertEquals(4, lines.length, run.out());
        assertTrue(lines[0].contains("tenant1-rooms-0001.jsonl") && lines[0].contains("rows=10")
                && lines[0].contains("bytes=" + Files.size(dir.resolve("new/sub/tenant1-rooms-0001.jsonl"))), lines[0]);
        assertTrue(lines[3].startsWith("total: 3 files") && lines[3].contains("rows=30"), lines[3]);
    }

    @Test
    void badRowsFractionIsRoughlyRespected() throws IOException {
        generate(dir, "--rows", "20000", "--bad-rows", "0.1");

        List<String[]> rows = SampleFiles.rows(dir.resolve("listings-0001.csv"));
        long bad = rows.stream().filter(ListingRows::isBad).count();
        assertEquals(0.1, bad / (double) rows.size(), 0.01, bad + " bad rows of " + rows.size());
    }

    @Test
    void noBadRowsByDefault() throws IOException {
        generate(dir, "--rows", "5000");

        assertTrue(SampleFiles.rows(dir.resolve("listings-0001.csv")).stream().noneMatch(ListingRows::isBad));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--size abc       | --size | abc",
            "--size 0         | --size | 0",
            "--rows 0         | --rows | 0",
            "--files 0        | --files | 0",
            "--files many     | --files | many",
            "--bad-rows 1.5   | --bad-rows | 1.5",
            "--format xml     | --format | xml",
            "--seed x         | --seed | x",
            "--prefix a/b     | --prefix | a/b",
    })
    void badOptionValueIsAUsageErrorNamingOptionAndValue(String args, String option, String value) {
        CliRun run = CliRun.of(("sample-data --out " + dir + " " + args).split(" "));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(option) && run.err().contains(value), run.err());
        assertTrue(run.err().contains("--help"), "points to the help: " + run.err());
        assertTrue(SampleFiles.list(dir).isEmpty(), "nothing written");
    }

    @Test
    void sizeAndRowsTogetherIsAUsageError() {
        CliRun run = CliRun.of("sample-data", "--out", dir.toString(), "--size", "1MiB", "--rows", "10");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    @Test
    void unwritableOutputIsARunFailureWithAReadableMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        CliRun run = CliRun.of("sample-data", "--out", file.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(file.toString()) && !run.err().contains("\tat "), run.err());
    }

    private static CliRun generate(Path out, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "sample-data";
        full[1] = "--out";
        full[2] = out.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        CliRun run = CliRun.of(full);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }
}
