package org.openlearning.catalog;

import java.util.Locale;
import java.util.Optional;

/** How much a course expects of a learner. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED, MIXED;

    /** Reads the spellings partner catalogs use ("Beginner", "all levels", "Intermediate level" ...). */
    public static Optional<Level> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll(" levels?$", "");
        return switch (t) {
            case "beginner", "introductory", "introduction", "basic", "novice" -> Optional.of(BEGINNER);
            case "intermediate" -> Optional.of(INTERMEDIATE);
            case "advanced", "expert" -> Optional.of(ADVANCED);
            case "mixed", "all", "any" -> Optional.of(MIXED);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
