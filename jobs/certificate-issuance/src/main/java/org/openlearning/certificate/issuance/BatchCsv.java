package org.openlearning.certificate.issuance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.infrastructure.item.file.LineCallbackHandler;
import org.springframework.batch.infrastructure.item.file.LineMapper;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;

/**
 * The columns of a registrar's CSV and the mapping of its records to {@link BatchRow}s, checked for
 * shape. Never throws on a record: a bad one becomes a rejected row with its line number.
 */
final class BatchCsv implements LineMapper<BatchRow>, LineCallbackHandler {

    static final List<String> COLUMNS = List.of("email", "course", "name", "force_reason");
    static final int MAX_NAME = 120;

    private static final Map<String, String> ALIASES = Map.of("learner_email", "email", "e_mail", "email",
            "course_id", "course", "course_slug", "course", "name_override", "name", "learner_name", "name",
            "forced_reason", "force_reason", "force", "force_reason");

    private final DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
    private List<String> columns = List.of();

    BatchCsv() {
        tokenizer.setStrict(false);
    }

    static List<String> parseHeader(String line) {
        DelimitedLineTokenizer header = new DelimitedLineTokenizer();
        header.setStrict(false);
        List<String> names = new ArrayList<>();
        for (String cell : header.tokenize(line).getValues()) {
            String name = cell == null ? "" : cell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[\\s-]+", "_");
            name = ALIASES.getOrDefault(name, name);
            names.add(COLUMNS.contains(name) && !names.contains(name) ? name : null);
        }
        return names;
    }

    /** Why a header cannot be used, or null. */
    static String problemWith(List<String> names) {
        if (names.contains("email") && names.contains("course")) {
            return null;
        }
        return "the header needs an 'email' and a 'course' column (course id or slug); optional: 'name', 'force_reason'";
    }

    @Override
    public void handleLine(String header) {
        columns = parseHeader(header);
    }

    @Override
    public BatchRow mapLine(String record, int lastLineNumber) {
        int line = lastLineNumber - (int) record.chars().filter(c -> c == '\n').count();
        String[] values;
        try {
            values = tokenizer.tokenize(record).getValues();
        } catch (RuntimeException e) {
            return BatchRow.rejected(line, null, "the line is not valid CSV: " + e.getMessage());
        }
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < values.length && i < columns.size(); i++) {
            if (columns.get(i) != null && values[i] != null && !values[i].isBlank()) {
                byColumn.put(columns.get(i), values[i].strip());
            }
        }
        String email = byColumn.get("email");
        String course = byColumn.get("course");
        String name = byColumn.get("name");
        String force = byColumn.get("force_reason");
        if (email == null) {
            return BatchRow.rejected(line, "email", "the learner's e-mail is missing");
        }
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            return BatchRow.rejected(line, "email", "'" + shorten(email) + "' is not an e-mail address");
        }
        if (course == null) {
            return BatchRow.rejected(line, "course", "the course (id or slug) is missing");
        }
        if (name != null && name.codePointCount(0, name.length()) > MAX_NAME) {
            return BatchRow.rejected(line, "name", "the name is longer than " + MAX_NAME + " characters");
        }
        if (force != null && force.length() > 500) {
            return BatchRow.rejected(line, "force_reason", "the reason is longer than 500 characters");
        }
        return new BatchRow(line, email.toLowerCase(Locale.ROOT), course.toLowerCase(Locale.ROOT), name, force, null,
                null);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
