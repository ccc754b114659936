package org.openlearning.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.openlearning.bench.CourseVocabulary.Category;
import org.openlearning.search.CourseQuery;

/**
 * Distinct catalog searches made from the generator's vocabulary, the same for a given seed: single
 * words, subjects of two or three words, whole titles, misspellings, skills, partner and instructor
 * names, or no text at all; with random filters (category, level, language, minimum rating,
 * partner), sorts and pages 1–3. Each is both an API path and the {@link CourseQuery} the API parses
 * it into.
 */
final class SearchQueries {

    /** One search as request parameters (null = not sent). */
    record Search(String text, String category, String level, String language, String partner, String minRating,
            String sort, int page) {

        /** {@code /api/courses?...}, the way a browser would send it. */
        String path() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("query", text);
            params.put("category", category);
            params.put("level", level);
            params.put("language", language);
            params.put("partner", partner);
            params.put("min_rating", minRating);
            params.put("sort", sort);
            params.put("page", page == 1 ? null : Integer.toString(page));
            StringBuilder path = new StringBuilder("/api/courses");
            params.forEach((name, value) -> {
                if (value != null) {
                    path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            });
            return path.toString();
        }

        CourseQuery query() {
            return CourseQuery.parse(text, category, level, language, partner, minRating, sort, page, null);
        }
    }

    private SearchQueries() {
    }

    static List<Search> make(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CourseGenerator.Partner> partners = CourseGenerator.partners();
        List<String> instructors = CourseGenerator.instructors();
        Map<String, Search> distinct = new LinkedHashMap<>();
        while (distinct.size() < count) {
            Search s = search(random, partners, instructors);
            distinct.putIfAbsent(s.path(), s);
        }
        return new ArrayList<>(distinct.values());
    }

    private static Search search(SplittableRandom random, List<CourseGenerator.Partner> partners, List<String> instructors) {
        Category category = CourseGenerator.pick(random, CourseVocabulary.CATEGORIES);
        String text = random.nextDouble() < 0.15 ? null : text(random, category, partners, instructors);
        // a filtered search usually filters on what it looks for
        String categoryFilter = random.nextDouble() < 0.3 ? category.name() : null;
        String level = random.nextDouble() < 0.25
                ? CourseGenerator.pick(random, List.of("beginner", "intermediate", "advanced", "mixed")) : null;
        String language = random.nextDouble() < 0.2
                ? CourseGenerator.pick(random, List.of("en", "en", "en", "es", "fr", "de", "pt", "zh")) : null;
        String minRating = random.nextDouble() < 0.2 ? CourseGenerator.pick(random, List.of("3.5", "4.0", "4.5")) : null;
        // partners are skewed towards the first ones: so are the searches for them
        String partner = random.nextDouble() < 0.1 ? partners.get(random.nextInt(40)).slug() : null;
        String sort;
        double r = random.nextDouble();
        if (text != null) {
            sort = r < 0.7 ? null : r < 0.8 ? "rating" : r < 0.9 ? "newest" : r < 0.95 ? "enrollments" : "title";
        } else {
            sort = r < 0.5 ? null : r < 0.7 ? "rating" : r < 0.9 ? "newest" : "title";
        }
        double p = random.nextDouble();
        int page = p < 0.7 ? 1 : p < 0.9 ? 2 : 3;
        return new Search(text, categoryFilter, level, language, partner, minRating, sort, page);
    }

    private static String text(SplittableRandom random, Category category, List<CourseGenerator.Partner> partners,
            List<String> instructors) {
        String subject = CourseGenerator.pick(random, category.subjects());
        double r = random.nextDouble();
        String text;
        if (r < 0.35) {
            text = subject;
        } else if (r < 0.5) {
            text = CourseGenerator.pick(random, category.skills());
        } else if (r < 0.62) {
            text = CourseGenerator.pick(random, CourseVocabulary.TITLES).formatted(subject);
        } else if (r < 0.74) {
            text = CourseGenerator.pick(random, category.skills()) + " " + subject;
        } else if (r < 0.84) {
            text = misspelled(random, subject + " " + CourseGenerator.pick(random, category.skills()));
        } else if (r < 0.9) {
            String word = subject.split(" ")[0];
            text = word.length() > 3 ? word : subject;
        } else if (r < 0.95) {
            text = partners.get(random.nextInt(partners.size())).name();
        } else {
            String name = CourseGenerator.pick(random, instructors);
            text = random.nextBoolean() ? name : name.substring(name.indexOf(' ') + 1);
        }
        return random.nextDouble() < 0.8 ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The known misspellings where there are any, else one dropped letter in the longest word. */
    private static String misspelled(SplittableRandom random, String text) {
        String[] words = text.split(" ");
        boolean changed = false;
        for (int i = 0; i < words.length; i++) {
            String typo = CourseVocabulary.TYPOS.get(words[i]);
            if (typo != null) {
                words[i] = typo;
                changed = true;
            }
        }
        if (!changed) {
            int longest = 0;
            for (int i = 1; i < words.length; i++) {
                longest = words[i].length() > words[longest].length() ? i : longest;
            }
            String w = words[longest];
            if (w.length() > 4) {
                int at = 1 + random.nextInt(w.length() - 2);
                words[longest] = w.substring(0, at) + w.substring(at + 1);
            }
        }
        return String.join(" ", words);
    }
}
