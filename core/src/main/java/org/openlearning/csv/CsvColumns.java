package org.openlearning.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;

/**
 * The columns a CSV upload may have and the other spellings of them that are accepted. A header
 * cell is named case-insensitively, without a byte order mark, with spaces and dashes read as
 * underscores; a column not listed, or named a second time, is ignored.
 */
public record CsvColumns(List<String> known, Map<String, String> aliases) {

    /** Splits a header line and names its columns; throws when the line is not valid CSV. */
    public List<String> parseHeader(String line) {
        DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
        tokenizer.setStrict(false);
        return normalize(tokenizer.tokenize(line).getValues());
    }

    /** The known name of each header cell, or null where the column is ignored. */
    public List<String> normalize(String[] header) {
        List<String> names = new ArrayList<>(header.length);
        for (String cell : header) {
            String name = cell == null ? "" : cell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[\\s-]+", "_");
            name = aliases.getOrDefault(name, name);
            names.add(known.contains(name) && !names.contains(name) ? name : null);
        }
        return names;
    }
}
