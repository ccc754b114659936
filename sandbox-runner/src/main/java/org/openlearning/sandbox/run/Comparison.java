package org.openlearning.sandbox.run;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a program's stdout is compared with the expected output. */
public enum Comparison {
    /** byte-equal */
    EXACT,
    /** trailing whitespace of each line and trailing blank lines ignored */
    TRIMMED,
    /** whitespace-separated tokens; numbers equal within a tolerance (absolute or relative) */
    NUMERIC;

    public static Optional<Comparison> parse(String name) {
        if (name == null) {
            return Optional.of(TRIMMED);
        }
        return Arrays.stream(values()).filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
    }

    public boolean matches(String expected, String actual, double tolerance) {
        return switch (this) {
            case EXACT -> expected.equals(actual);
            case TRIMMED -> trimmed(expected).equals(trimmed(actual));
            case NUMERIC -> numeric(expected, actual, tolerance);
        };
    }

    static List<String> trimmed(String text) {
        List<String> lines = new java.util.ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        lines.replaceAll(Comparison::stripTrailing);
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }

    private static boolean numeric(String expected, String actual, double tolerance) {
        String[] want = tokens(expected);
        String[] got = tokens(actual);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!tokenMatches(want[i], got[i], tolerance)) {
                return false;
            }
        }
        return true;
    }

    private static String[] tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    private static boolean tokenMatches(String want, String got, double tolerance) {
        if (want.equals(got)) {
            return true;
        }
        Optional<Double> a = number(want);
        Optional<Double> b = number(got);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        double x = a.get();
        double y = b.get();
        double difference = Math.abs(x - y);
        return difference <= tolerance || difference <= tolerance * Math.max(Math.abs(x), Math.abs(y));
    }

    private static Optional<Double> number(String token) {
        try {
            return Optional.of(new BigDecimal(token).doubleValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
