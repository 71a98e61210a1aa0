package io.vigil.load;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The options of a benchmark's command line: {@code --name value} pairs and bare flags. Each option
 * is taken once; whatever is left at the end was not understood.
 */
final class CommandLine {

    private final Map<String, String> given = new TreeMap<>();
    private final Set<String> flags;
    private final Set<String> flagsGiven = new TreeSet<>();

    /**
     * The options {@code parse} makes of {@code args}; on a mistake, prints it with {@code usage} and exits
     * with status 2.
     */
    static <T> T parseOrExit(String[] args, Function<String[], T> parse, String usage) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: " + usage);
            System.exit(2);
            throw e;
        }
    }

    /** Parses {@code args}; {@code flags} are the options that take no value. */
    CommandLine(String[] args, Set<String> flags) {
        this.flags = flags;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                flagsGiven.add(arg.substring(2));
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                given.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
    }

    boolean flag(String name) {
        if (!flags.contains(name)) {
            throw new IllegalArgumentException("Not a flag: " + name);
        }
        return flagsGiven.contains(name);
    }

    /** An integer option; underscores and commas are allowed as separators (200_000, 200,000). */
    int integer(String name, int fallback) {
        String value = given.remove(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
    }

    String string(String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    String required(String name) {
        String value = given.remove(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Fails if an option was given that no one took. */
    void requireAllTaken() {
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown options: " + given.keySet());
        }
    }
}
