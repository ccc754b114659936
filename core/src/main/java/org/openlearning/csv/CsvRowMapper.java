package org.openlearning.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.file.LineCallbackHandler;
import org.springframework.batch.infrastructure.item.file.LineMapper;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;

/**
 * Maps a CSV record to a {@link CsvRow} by the header's column names. Never throws: a record that
 * cannot be split becomes a row with a parse error, reported by its line number.
 */
final class CsvRowMapper implements LineMapper<CsvRow>, LineCallbackHandler {

    private final CsvColumns known;
    private final DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
    private List<String> columns = List.of();

    CsvRowMapper(CsvColumns known) {
        this.known = known;
        tokenizer.setStrict(false);
    }

    /** Receives the header line (the reader's skipped line). */
    @Override
    public void handleLine(String header) {
        columns = known.parseHeader(header);
    }

    @Override
    public CsvRow mapLine(String record, int lastLineNumber) {
        int firstLine = lastLineNumber - (int) record.chars().filter(c -> c == '\n').count();
        String[] values;
        try {
            values = tokenizer.tokenize(record).getValues();
        } catch (RuntimeException e) {
            return new CsvRow(firstLine, Map.of(), "the line is not valid CSV: " + e.getMessage());
        }
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < values.length && i < columns.size(); i++) {
            if (columns.get(i) != null) {
                byColumn.put(columns.get(i), values[i]);
            }
        }
        return new CsvRow(firstLine, byColumn, null);
    }
}
