package org.openlearning.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result of one benchmark run, written as the single JSON line the contract asks for. */
final class Report {

    private final Map<String, Object> results = new LinkedHashMap<>();
    private String notes = "";

    /** Adds a result; doubles are rounded to {@code digits} decimals. */
    Report put(String key, double value, int digits) {
        results.put(key, Double.isFinite(value) ? Stats.round(value, digits) : null);
        return this;
    }

    Report put(String key, long value) {
        results.put(key, value);
        return this;
    }

    /** A result that could not be measured in this run. */
    Report missing(String key) {
        results.put(key, null);
        return this;
    }

    Report notes(String text) {
        notes = text;
        return this;
    }

    String toJson(String bench, Instant when) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", bench);
        out.put("when", when.toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("results", results);
        out.put("notes", notes);
        return Local.JSON.writeValueAsString(out);
    }
}
