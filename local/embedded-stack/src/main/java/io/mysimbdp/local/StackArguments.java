package io.mysimbdp.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses "COMMAND --option value ..." for {@link EmbeddedStackMain}. */
final class StackArguments {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar embedded-stack.jar kafka --port PORT --controller-port PORT --data DIR [--credentials DIR] [--ready-file FILE]",
            "       java -jar embedded-stack.jar mongo --port PORT --backend h2|memory [--data FILE] [--ready-file FILE]"
                    + " [--heap-limit-percent N]",
            "Runs until SIGTERM. --ready-file is written once the server accepts clients.");

    private static final int MAX_PORT = 65535;

    private final String command;
    private final Map<String, String> options;

    private StackArguments(String command, Map<String, String> options) {
        this.command = command;
        this.options = options;
    }

    static StackArguments parse(String[] args, List<String> allowedOptions) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command (kafka or mongo)");
        }
        Map<String, String> options = new HashMap<>();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (!allowedOptions.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'");
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            options.put(name, rest.get(i + 1));
        }
        return new StackArguments(args[0], options);
    }

    String command() {
        return command;
    }

    int port(String name) {
        String value = required(name);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > MAX_PORT) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-" + MAX_PORT + "), got '" + value + "'");
        }
    }

    /** An optional whole percentage (1-100). */
    int percent(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int percent = Integer.parseInt(value);
            if (percent < 1 || percent > 100) {
                throw new NumberFormatException();
            }
            return percent;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole percentage (1-100), got '" + value + "'");
        }
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    Optional<Path> optionalPath(String name) {
        return Optional.ofNullable(options.get(name)).map(Path::of);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    String orDefault(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }
}
