package io.mysimbdp.batch.staging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A taken name gets a number before its whole extension, so an encrypted file keeps its inner type. */
class FreeNameTest {
    @Test
    void numbersGoBeforeTheExtensionAndBeforeAnInnerTypeOfEncryptedFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("data.csv"), "x");
        Files.writeString(dir.resolve("data.csv.enc"), "x");
        Files.writeString(dir.resolve("notype.enc"), "x");
        assertEquals(dir.resolve("data-2.csv"), FileMover.freeName(dir, "data.csv"));
        assertEquals(dir.resolve("data-2.csv.enc"), FileMover.freeName(dir, "data.csv.enc"));
        assertEquals(dir.resolve("notype-2.enc"), FileMover.freeName(dir, "notype.enc"));
        assertEquals(dir.resolve("free.csv.enc"), FileMover.freeName(dir, "free.csv.enc"));
    }
}
