package org.openlearning.certificate.issuance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openlearning.csv.CsvColumns;
import org.openlearning.csv.CsvRow;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The columns of a registrar's CSV, and the check of each of its records for shape, which turns it
 * into a {@link BatchRow}. Never throws on a record: a bad one becomes a rejected row with its line number.
 */
final class BatchCsv implements ItemProcessor<CsvRow, BatchRow> {

    static final int MAX_NAME = 120;

    static final CsvColumns COLUMNS = new CsvColumns(List.of("email", "course", "name", "force_reason"),
            Map.of("learner_email", "email", "e_mail", "email",
                    "course_id", "course", "course_slug", "course", "name_override", "name", "learner_name", "name",
                    "forced_reason", "force_reason", "force", "force_reason"));

    /** Why a header cannot be used, or null. */
    static String problemWith(List<String> names) {
        if (names.contains("email") && names.contains("course")) {
            return null;
        }
        return "the header needs an 'email' and a 'course' column (course id or slug); optional: 'name', 'force_reason'";
    }

    @Override
    public BatchRow process(CsvRow row) {
        int line = row.line();
        if (row.parseError() != null) {
            return BatchRow.rejected(line, null, row.parseError());
        }
        String email = row.get("email");
        String course = row.get("course");
        String name = row.get("name");
        String force = row.get("force_reason");
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
