package org.openlearning.catalog;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs: lowercase ASCII words joined by hyphens, accents folded. */
public final class Slugs {

    public static final int MAX_LENGTH = 120;

    private Slugs() {
    }

    public static String of(String text) {
        String folded = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "course" : slug;
    }
}
