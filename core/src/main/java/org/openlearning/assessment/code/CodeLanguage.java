package org.openlearning.assessment.code;

import java.util.Locale;
import java.util.Optional;

/** A language the sandbox runner compiles and runs; {@link #id()} is its name in the API, the runner and the schema. */
public enum CodeLanguage {
    PYTHON("python", "Python 3"),
    JAVA("java", "Java"),
    CPP("cpp", "C++"),
    JAVASCRIPT("javascript", "JavaScript (Node.js)");

    private final String id;
    private final String label;

    CodeLanguage(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The language of an id ({@code python}, {@code cpp} …), any case; empty for anything else. */
    public static Optional<CodeLanguage> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (CodeLanguage language : values()) {
            if (language.id.equals(wanted)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
