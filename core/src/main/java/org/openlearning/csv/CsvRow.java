package org.openlearning.csv;

import java.util.Map;

/**
 * One record of a CSV upload: its first physical line, its values by column, or why it could not
 * be split into fields.
 */
public record CsvRow(int line, Map<String, String> values, String parseError) {

    /** The column's value, stripped; null when it is absent or blank. */
    public String get(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
