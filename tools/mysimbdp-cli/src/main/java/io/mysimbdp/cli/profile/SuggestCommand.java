package io.mysimbdp.cli.profile;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mysimbdp profile suggest FILE}: a starting {@code fields:} block from a sample of a file. */
@Command(name = "suggest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Read the first rows of a CSV (with a header line) or JSON file (an array of objects, or one",
                "object per line) and print a starting 'fields:' block for an app's config: the type and",
                "declared format of each column, with sample values that decided it and how many sampled",
                "values the wrangler reads with it. Nothing is applied: review it, then paste it."
        },
        footer = {
                "",
                "Exit codes: 0 printed, 1 the file cannot be read, 2 usage error.",
                "",
                "Examples:",
                "  mysimbdp profile suggest listings.csv",
                "  mysimbdp profile suggest --rows 20000 oslo-listings.csv"
        })
public final class SuggestCommand implements Callable<Integer> {
    static final int DEFAULT_ROWS = 5000;

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + DEFAULT_ROWS,
            description = "Rows to sample from the start of the file (default: ${DEFAULT-VALUE}).")
    int rows;

    @Parameters(paramLabel = "FILE", description = "The CSV or JSON file (.json, .jsonl, .ndjson; anything else is read as CSV).")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 1, got " + rows);
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "FILE '" + file + "' is not a file");
        }
        SampleRows sample = SampleRows.read(file, rows);
        List<FieldSuggestion> suggestions = new ArrayList<>();
        for (Map.Entry<String, List<Object>> column : sample.columns().entrySet()) {
            suggestions.add(FieldSuggester.suggest(column.getKey(), column.getValue()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(SuggestionText.render(file.getFileName().toString(), sample.rows(), suggestions));
        out.flush();
        return 0;
    }
}
