package org.openlearning.catalogimport.job;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openlearning.catalog.Level;
import org.openlearning.catalog.Slugs;
import org.openlearning.csv.CsvRow;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Checks one CSV record and turns it into a course or a rejection with a reason a person can act on. */
final class CatalogRowValidator implements ItemProcessor<CsvRow, ImportItem> {

    static final int MAX_TITLE = 300;
    static final int MAX_PARTNER = 200;
    static final int MAX_TEXT = 20_000;
    static final int MAX_SKILLS = 30;

    private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("english", "en"),
            Map.entry("spanish", "es"), Map.entry("español", "es"), Map.entry("french", "fr"),
            Map.entry("français", "fr"), Map.entry("german", "de"), Map.entry("deutsch", "de"),
            Map.entry("portuguese", "pt"), Map.entry("português", "pt"), Map.entry("italian", "it"),
            Map.entry("chinese", "zh"), Map.entry("mandarin", "zh"), Map.entry("japanese", "ja"),
            Map.entry("korean", "ko"), Map.entry("russian", "ru"), Map.entry("arabic", "ar"),
            Map.entry("hindi", "hi"), Map.entry("dutch", "nl"), Map.entry("turkish", "tr"),
            Map.entry("polish", "pl"), Map.entry("greek", "el"), Map.entry("ukrainian", "uk"),
            Map.entry("indonesian", "id"), Map.entry("vietnamese", "vi"), Map.entry("swedish", "sv"),
            Map.entry("italiano", "it"), Map.entry("nederlands", "nl"), Map.entry("polski", "pl"),
            Map.entry("türkçe", "tr"), Map.entry("русский", "ru"), Map.entry("українська", "uk"),
            Map.entry("ελληνικά", "el"), Map.entry("中文", "zh"), Map.entry("日本語", "ja"),
            Map.entry("한국어", "ko"), Map.entry("العربية", "ar"), Map.entry("اللغة العربية", "ar"),
            Map.entry("हिन्दी", "hi"));

    @Override
    public ImportItem process(CsvRow row) {
        int line = row.line();
        if (row.parseError() != null) {
            return new ImportItem.Rejected(line, null, row.parseError());
        }
        String title = row.get("title");
        if (title == null) {
            return new ImportItem.Rejected(line, "title", "title is empty");
        }
        if (title.length() > MAX_TITLE) {
            return new ImportItem.Rejected(line, "title", "title is longer than " + MAX_TITLE + " characters");
        }
        String partner = row.get("partner");
        if (partner == null) {
            return new ImportItem.Rejected(line, "partner", "partner is empty");
        }
        if (partner.length() > MAX_PARTNER) {
            return new ImportItem.Rejected(line, "partner", "partner is longer than " + MAX_PARTNER + " characters");
        }
        Level level = Level.MIXED;
        if (row.get("level") != null) {
            Optional<Level> parsed = Level.parse(row.get("level"));
            if (parsed.isEmpty()) {
                return new ImportItem.Rejected(line, "level", "level '" + row.get("level")
                        + "' is not one of Beginner, Intermediate, Advanced, Mixed");
            }
            level = parsed.get();
        }
        String language = "en";
        if (row.get("language") != null) {
            language = language(row.get("language"));
            if (language == null) {
                return new ImportItem.Rejected(line, "language", "language '" + row.get("language")
                        + "' is neither a two-letter ISO 639-1 code nor a known language name");
            }
        }
        BigDecimal rating = null;
        if (row.get("rating") != null) {
            try {
                rating = new BigDecimal(row.get("rating")).setScale(1, java.math.RoundingMode.HALF_UP);
            } catch (NumberFormatException e) {
                return new ImportItem.Rejected(line, "rating", "rating '" + row.get("rating") + "' is not a number");
            }
            if (rating.signum() < 0 || rating.compareTo(BigDecimal.valueOf(5)) > 0) {
                return new ImportItem.Rejected(line, "rating", "rating " + row.get("rating") + " is not between 0 and 5");
            }
        }
        long enrollments = 0;
        if (row.get("enrollments") != null) {
            Long parsed = count(row.get("enrollments"));
            if (parsed == null) {
                return new ImportItem.Rejected(line, "enrollments", "enrollments '" + row.get("enrollments")
                        + "' is not a non-negative whole number");
            }
            enrollments = parsed;
        }
        String description = row.get("description");
        String summary = row.get("summary");
        if ((description != null && description.length() > MAX_TEXT) || (summary != null && summary.length() > MAX_TEXT)) {
            return new ImportItem.Rejected(line, "description", "text is longer than " + MAX_TEXT + " characters");
        }
        String category = row.get("category");
        if (category != null && category.length() > 100) {
            return new ImportItem.Rejected(line, "category", "category is longer than 100 characters");
        }
        String partnerSlug = Slugs.of(partner);
        return new ImportItem.Course(line, Slugs.of(title + " " + partner), title, partnerSlug, partner, summary,
                description, skills(row.get("skills")), level, language, category, rating, enrollments);
    }

    static String language(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("[a-z]{2}")) {
            return t;
        }
        if (t.matches("[a-z]{2}[-_][a-z]{2}")) {
            return t.substring(0, 2);
        }
        return LANGUAGES.get(t);
    }

    /** "1234", "1,234", "5.3k", "1.2M". */
    static Long count(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
        long multiplier = 1;
        if (t.endsWith("k")) {
            multiplier = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            multiplier = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal value = new BigDecimal(t).multiply(BigDecimal.valueOf(multiplier));
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
                return null;
            }
            return value.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Skills separated by ';', '|' or ',', optionally written as a list literal: "['SQL', 'Python']". */
    static List<String> skills(String text) {
        if (text == null) {
            return List.of();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        LinkedHashSet<String> skills = new LinkedHashSet<>();
        for (String part : t.split("[;|,]")) {
            String skill = part.strip().replaceAll("^['\"]+|['\"]+$", "").strip();
            if (!skill.isEmpty() && skill.length() <= 100 && skills.size() < MAX_SKILLS) {
                skills.add(skill);
            }
        }
        return new ArrayList<>(skills);
    }
}
