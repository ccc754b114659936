package org.openlearning.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.separator.DefaultRecordSeparatorPolicy;
import org.springframework.core.io.FileSystemResource;

/**
 * A CSV upload (UTF-8, a header line, quoted fields may span lines) as the job modules that walk
 * one with Spring Batch read it: checked and counted before the walk, then read record by record.
 */
public final class CsvFiles {

    private CsvFiles() {
    }

    /**
     * The restartable reader of the file's records after the header, which names their columns.
     * Its position is saved under {@code name} with every committed chunk.
     */
    public static FlatFileItemReader<CsvRow> reader(String name, String file, CsvColumns columns) {
        CsvRowMapper mapper = new CsvRowMapper(columns);
        FlatFileItemReader<CsvRow> reader = new FlatFileItemReader<>(new FileSystemResource(file), mapper);
        reader.setName(name);
        reader.setEncoding(StandardCharsets.UTF_8.name());
        reader.setLinesToSkip(1);
        reader.setSkippedLinesCallback(mapper);
        reader.setRecordSeparatorPolicy(new DefaultRecordSeparatorPolicy());
        reader.setComments(new String[0]);
        reader.setStrict(true);
        return reader;
    }

    /**
     * Rejects a file that cannot be read at all (empty, not UTF-8, a header that is not CSV or
     * that {@code problemWith} finds wanting) and counts its physical lines after the header.
     *
     * @param problemWith why the named header columns cannot be used, or null
     * @throws InvalidCsvFile with a reason the uploader can act on
     */
    public static int checkHeaderAndCount(Path file, CsvColumns columns, Function<List<String>, String> problemWith)
            throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new InvalidCsvFile("the file is empty; expected a CSV with a header line");
            }
            List<String> names;
            try {
                names = columns.parseHeader(header);
            } catch (RuntimeException e) {
                throw new InvalidCsvFile("the header line is not valid CSV: " + e.getMessage());
            }
            String problem = problemWith.apply(names);
            if (problem != null) {
                throw new InvalidCsvFile(problem);
            }
            int lines = 0;
            while (reader.readLine() != null) {
                lines++;
            }
            return lines;
        } catch (MalformedInputException e) {
            throw new InvalidCsvFile("the file is not UTF-8 text");
        }
    }

    /** A file no retry can fix: its job fails at once with this reason. */
    public static final class InvalidCsvFile extends RuntimeException {

        InvalidCsvFile(String message) {
            super(message);
        }
    }
}
