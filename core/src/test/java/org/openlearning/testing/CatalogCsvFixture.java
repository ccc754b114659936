package org.openlearning.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A partner catalog CSV for tests: {@code rows} courses, a quoted multi-line description early on
 * (so physical line numbers differ from record numbers), and ten bad rows of different kinds.
 *
 * @param csv        the file's text
 * @param rows       data records
 * @param badLines   the physical line of each bad record and the field it is rejected for
 */
public record CatalogCsvFixture(String csv, int rows, Map<Integer, String> badLines) {

    public static final String HEADER = "title,partner,description,skills,level,language,category,rating,enrollments";

    public static CatalogCsvFixture generate(int rows, String titlePrefix) {
        String[] faults = {"title", "level", "rating", "enrollments", "language", "partner", "title", "level",
                "rating", "enrollments"};
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        Map<Integer, String> bad = new LinkedHashMap<>();
        int line = 1;
        int badEvery = rows / 10;
        for (int i = 1; i <= rows; i++) {
            line++;
            String title = titlePrefix + " " + i;
            String partner = "Fixture Partner " + (i % 7);
            String description = "Learn \"\"module " + i + "\"\", step by step";
            String level = switch (i % 3) {
                case 0 -> "Beginner";
                case 1 -> "Intermediate";
                default -> "Advanced";
            };
            String language = "en";
            String rating = "4." + (i % 10);
            String enrollments = String.valueOf(i * 10);
            if (i % badEvery == badEvery / 2) {
                String fault = faults[bad.size() % faults.length];
                bad.put(line, fault);
                switch (fault) {
                    case "title" -> title = "";
                    case "partner" -> partner = "";
                    case "level" -> level = "Expert-ish";
                    case "rating" -> rating = "7.5";
                    case "enrollments" -> enrollments = "-3";
                    case "language" -> language = "klingon";
                    default -> throw new IllegalStateException(fault);
                }
            }
            if (i == 3) {
                description = "First line of a long description,\nsecond line after a break";
            }
            csv.append(title).append(',').append(partner).append(",\"").append(description).append("\",")
                    .append("SQL;Statistics,").append(level).append(',').append(language).append(",Data Science,")
                    .append(rating).append(',').append(enrollments).append('\n');
            if (i == 3) {
                line++; // the quoted line break
            }
        }
        return new CatalogCsvFixture(csv.toString(), rows, bad);
    }

    public int goodRows() {
        return rows - badLines.size();
    }
}
