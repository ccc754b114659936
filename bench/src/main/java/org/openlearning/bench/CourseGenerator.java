package org.openlearning.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.openlearning.bench.CourseVocabulary.Category;

/**
 * The search benchmark's catalog, the same on every run (fixed seed): partners, instructors and
 * 100,000 courses with titles like "Applied Financial Accounting", skills, descriptions of a few
 * sentences, ~15 categories, levels, mostly English, ratings 3.0–5.0, long-tailed enrollment counts,
 * publication dates over twelve years and about 3 % drafts or archived courses. Every slug starts
 * with {@link #SLUG_PREFIX}.
 */
final class CourseGenerator {

    static final String SLUG_PREFIX = "bench-search-";
    static final long SEED = 20_261_122L;
    static final int PARTNERS = 300;
    static final int INSTRUCTORS = 600;
    private static final Instant FIRST_PUBLISHED = Instant.parse("2014-01-01T00:00:00Z");
    private static final long PUBLISHING_DAYS = 12 * 365;

    record Partner(String slug, String name, String kind) {
    }

    /** One course; {@code partner} and {@code instructors} index {@link #partners} and {@link #instructors}. */
    record Course(String slug, String title, String summary, String description, int partner, String category,
            String level, String language, List<String> skills, String status, Double rating, long enrollments,
            Instant createdAt, Instant publishedAt, int[] instructors) {

        boolean published() {
            return status.equals("PUBLISHED");
        }
    }

    private final int courses;

    CourseGenerator(int courses) {
        this.courses = courses;
    }

    int courses() {
        return courses;
    }

    static List<Partner> partners() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Partner> partners = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; partners.size() < PARTNERS; i++) {
            String kind = pick(random, CourseVocabulary.PARTNER_KINDS);
            String place = pick(random, CourseVocabulary.PLACES);
            String name = kind.formatted(place);
            if (!names.add(name)) {
                name = name + " " + (char) ('A' + i % 26) + (i / 26);
                names.add(name);
            }
            boolean company = kind.contains("Labs") || kind.contains("Analytics") || kind.contains("Academy");
            partners.add(new Partner(SLUG_PREFIX + "partner-%03d".formatted(partners.size() + 1), name,
                    company ? "COMPANY" : "UNIVERSITY"));
        }
        return partners;
    }

    /** Instructors' display names; their e-mail is {@code bench-search-instructor-N@bench.example}, N from 1. */
    static List<String> instructors() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < INSTRUCTORS; i++) {
            names.add(pick(random, CourseVocabulary.FIRST_NAMES) + " " + pick(random, CourseVocabulary.LAST_NAMES));
        }
        return names;
    }

    /** Every course, in slug order, always the same ones. */
    void forEach(Consumer<Course> sink) {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int n = 1; n <= courses; n++) {
            sink.accept(course(n, random));
        }
    }

    private static Course course(int n, SplittableRandom random) {
        Category category = category(random);
        String subject = pick(random, category.subjects());
        String language = language(random);
        String title = title(random, subject, language);
        List<String> skills = skills(random, category);
        String level = level(random);
        String audience = pick(random, CourseVocabulary.AUDIENCES);
        int partner = (int) Math.min(PARTNERS - 1, Math.floor(PARTNERS * Math.pow(random.nextDouble(), 1.6)));
        double r = random.nextDouble();
        String status = r < 0.02 ? "DRAFT" : r < 0.03 ? "ARCHIVED" : "PUBLISHED";
        Double rating = random.nextDouble() < 0.04 ? null
                : Math.round(Math.clamp(4.7 - Math.abs(random.nextGaussian()) * 0.55, 3.0, 5.0) * 10) / 10.0;
        // long tail: most courses have a few hundred learners, a handful have hundreds of thousands
        long enrollments = Math.min(2_000_000, (long) (40 / Math.pow(1 - random.nextDouble(), 1.25)) - 40);
        Instant created = FIRST_PUBLISHED.plus(random.nextLong(PUBLISHING_DAYS * 24 * 60), ChronoUnit.MINUTES);
        Instant published = status.equals("DRAFT") ? null : created.plus(random.nextLong(1, 60), ChronoUnit.DAYS);
        int[] instructors = random.nextDouble() < 0.7 ? new int[] {random.nextInt(INSTRUCTORS)}
                : random.ints(2, 0, INSTRUCTORS).distinct().toArray();
        String summary = "Learn " + subject.toLowerCase(Locale.ROOT) + " with " + skills.get(0) + " and "
                + skills.get(1) + ", for " + audience + ".";
        String description = description(random, subject, category, skills, level, audience);
        return new Course(SLUG_PREFIX + "%06d".formatted(n), title, summary, description, partner, category.name(),
                level, language, skills, status, rating, enrollments, created, published, instructors);
    }

    private static Category category(SplittableRandom random) {
        // a realistic skew: the technical categories hold most courses
        double r = random.nextDouble();
        int size = CourseVocabulary.CATEGORIES.size();
        return CourseVocabulary.CATEGORIES.get(Math.min(size - 1, (int) Math.floor(size * r * r)));
    }

    private static String title(SplittableRandom random, String subject, String language) {
        if (!language.equals("en")) {
            return pick(random, CourseVocabulary.LOCAL_TITLES.get(language)).formatted(subject);
        }
        String base = random.nextDouble() < 0.15 && !subject.contains(" ")
                ? pick(random, CourseVocabulary.QUALIFIERS) + " " + subject : subject;
        return pick(random, CourseVocabulary.TITLES).formatted(base);
    }

    private static List<String> skills(SplittableRandom random, Category category) {
        Set<String> skills = new LinkedHashSet<>();
        int count = 3 + random.nextInt(4);
        while (skills.size() < count) {
            skills.add(random.nextDouble() < 0.9 ? pick(random, category.skills())
                    : pick(random, CourseVocabulary.CATEGORIES.get(random.nextInt(CourseVocabulary.CATEGORIES.size())).skills()));
        }
        return List.copyOf(skills);
    }

    private static String description(SplittableRandom random, String subject, Category category, List<String> skills,
            String level, String audience) {
        StringBuilder d = new StringBuilder();
        d.append("This ").append(level.toLowerCase(Locale.ROOT)).append(" course introduces the core ideas of ")
                .append(subject).append(" and shows how they are used in ").append(category.name().toLowerCase(Locale.ROOT))
                .append(" today. ");
        d.append("You will practise ").append(String.join(", ", skills.subList(0, skills.size() - 1)))
                .append(" and ").append(skills.getLast()).append(" through weekly exercises and quizzes. ");
        if (random.nextBoolean()) {
            d.append("Each module ends with a short project drawn from real work, reviewed by your peers. ");
        }
        d.append("Designed for ").append(audience).append(", it takes about ").append(2 + random.nextInt(14))
                .append(" weeks at ").append(2 + random.nextInt(8)).append(" hours a week. ");
        if (random.nextDouble() < 0.4) {
            d.append("By the end you can explain ").append(subject).append(" to colleagues and apply ")
                    .append(pick(random, skills)).append(" to a problem of your own.");
        }
        return d.toString().strip();
    }

    private static String level(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.45 ? "BEGINNER" : r < 0.75 ? "INTERMEDIATE" : r < 0.9 ? "ADVANCED" : "MIXED";
    }

    private static String language(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.78 ? "en" : r < 0.85 ? "es" : r < 0.89 ? "fr" : r < 0.92 ? "de" : r < 0.96 ? "pt" : "zh";
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
