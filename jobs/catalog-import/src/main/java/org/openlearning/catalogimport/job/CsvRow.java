package org.openlearning.catalogimport.job;

import java.util.Map;

/**
 * One record of the CSV: its first physical line, its values by column, or why it could not be
 * split into fields.
 */
record CsvRow(int line, Map<String, String> values, String parseError) {

    String get(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
