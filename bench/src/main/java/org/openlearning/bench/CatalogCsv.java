package org.openlearning.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic partner catalog CSV for the import benchmark: realistic-looking courses from 200
 * bench partners, with a fixed share of bad rows spread evenly through the file.
 */
final class CatalogCsv {

    static final String HEADER = "title,partner,description,skills,level,language,category,rating,enrollments";
    static final int PARTNERS = 200;

    private static final String[] OPENERS = {"Applied", "Introduction to", "Foundations of", "Advanced",
        "Practical", "Modern", "Essentials of", "Principles of", "Hands-on", "Fundamentals of", "Mastering",
        "Exploring", "Topics in", "Case Studies in"};
    private static final String[] SUBJECTS = {"Machine Learning", "Data Science", "Cloud Computing",
        "Financial Accounting", "Project Management", "Organic Chemistry", "Linear Algebra", "Web Development",
        "Digital Marketing", "Supply Chain Analytics", "Public Health", "Cybersecurity", "Creative Writing",
        "Game Design", "Renewable Energy", "Behavioral Economics", "Statistics", "Python Programming",
        "Neuroscience", "UX Research", "Corporate Finance", "Quantum Computing", "Data Visualization",
        "Molecular Biology", "Negotiation"};
    private static final String[] AUDIENCES = {"Finance", "Healthcare", "Engineers", "Managers", "Beginners",
        "Climate Science", "Retail", "Startups", "Educators", "Government", "Biologists", "Journalists",
        "Product Teams", "Researchers"};
    private static final String[] SENTENCES = {
        "Learn the core ideas step by step, with short videos and graded exercises.",
        "Work through real case studies taken from industry and public research.",
        "Each week ends with a hands-on project that you can add to your portfolio.",
        "You will practise with the same tools that professionals use every day.",
        "No prior experience is required, though basic algebra helps.",
        "Discussion forums, peer review and mentor feedback keep you on track.",
        "The final assessment asks you to solve an open problem, from data to decision.",
        "Guest lectures from practitioners show how the methods hold up in practice.",
        "Readings are short, practical and chosen to build intuition before formalism."};
    private static final String[] SKILLS = {"Python", "SQL", "Statistics", "Excel", "Data Analysis",
        "Communication", "Leadership", "Machine Learning", "Cloud", "Security", "Design Thinking", "Research",
        "Writing", "Budgeting", "Negotiation", "R", "Java", "Visualization", "Ethics", "Teamwork",
        "Problem Solving", "Critical Thinking", "Linear Algebra", "Probability", "Marketing", "Strategy"};
    private static final String[] LEVELS = {"Beginner", "Intermediate", "Advanced", "Mixed"};
    private static final String[] LANGUAGES = {"en", "en", "en", "en", "en", "es", "fr", "de", "pt", "zh",
        "ja", "it", "ko", "ru", "ar", "hi"};
    private static final String[] CATEGORIES = {"Data Science", "Business", "Computer Science", "Health",
        "Arts and Humanities", "Physical Science and Engineering", "Social Sciences", "Language Learning",
        "Personal Development", "Math and Logic", "Information Technology"};

    /** What was written: the lines (1 = header) of the bad rows. */
    record Written(Path file, int rows, List<Integer> badLines, long bytes) {
    }

    private CatalogCsv() {
    }

    /** Writes {@code rows} data rows; every {@code rows / bad}-th row is bad (empty title, bad level, rating 7.5). */
    static Written write(Path file, int rows, int bad, long seed) throws IOException {
        Random random = new Random(seed);
        int every = rows / bad;
        List<Integer> badLines = new ArrayList<>(bad);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                String[] cells = row(random, i);
                if (i % every == every / 2 && badLines.size() < bad) {
                    switch (badLines.size() % 3) {
                        case 0 -> cells[0] = "";
                        case 1 -> cells[4] = "Expert-ish";
                        default -> cells[7] = "7.5";
                    }
                    badLines.add(i + 2);
                }
                for (int c = 0; c < cells.length; c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    out.write(quote(cells[c]));
                }
                out.write('\n');
            }
        }
        return new Written(file, rows, badLines, Files.size(file));
    }

    private static String[] row(Random r, int i) {
        String title = pick(r, OPENERS) + " " + pick(r, SUBJECTS) + " for " + pick(r, AUDIENCES) + " " + (i + 1);
        String partner = String.format(Locale.ROOT, "Bench Partner %03d", 1 + r.nextInt(PARTNERS));
        StringBuilder description = new StringBuilder();
        while (description.length() < 180) {
            description.append(description.isEmpty() ? "" : " ").append(pick(r, SENTENCES));
        }
        List<String> skills = new ArrayList<>(3);
        while (skills.size() < 3) {
            String skill = pick(r, SKILLS);
            if (!skills.contains(skill)) {
                skills.add(skill);
            }
        }
        String rating = String.format(Locale.ROOT, "%.1f", 2.5 + r.nextInt(26) / 10.0);
        String enrollments = Integer.toString(r.nextInt(10) == 0 ? r.nextInt(500_000) : r.nextInt(20_000));
        return new String[] {title, partner, description.toString(), String.join(";", skills), pick(r, LEVELS),
            pick(r, LANGUAGES), pick(r, CATEGORIES), rating, enrollments};
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
