package io.mysimbdp.common.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The checkout's main Java sources, and the string literals in a source's code (comments skipped). */
final class JavaSource {
    /** The checkout: src-common's tests run in src-common. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    private JavaSource() {
    }

    /** Every {@code src/main/java/**}{@code /*.java} under the checkout, as paths relative to it; build output and var/ skipped. */
    static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(ROOT::relativize)
                    .filter(p -> p.toString().contains("src/main/java/"))
                    .filter(p -> !p.startsWith("var") && !p.toString().contains("/target/") && !p.startsWith(".git"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string literals and text blocks of {@code source}, as written between the quotes; none from comments or chars. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = endOf(source, "\n", i + 2);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closing(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"') {
                int end = closing(source, "\"", i + 1);
                literals.add(source.substring(i + 1, end));
                i = end + 1;
            } else if (c == '\'') {
                i = closing(source, "'", i + 1) + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    /** Where the unescaped {@code quote} that closes a literal starting at {@code from} is. */
    private static int closing(String source, String quote, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("a literal opened before " + from + " is never closed");
    }
}
