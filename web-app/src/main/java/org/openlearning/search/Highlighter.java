package org.openlearning.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Highlights for answers from the PostgreSQL fallback, shaped like OpenSearch's: the whole title and
 * one fragment of the description, HTML-escaped, with the words of the query in {@code <mark>}.
 * Every piece of course text is escaped here before a tag is added, because the page shows these
 * fragments unescaped.
 */
final class Highlighter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int FRAGMENT = 180;

    private final List<String> words;

    Highlighter(String query) {
        List<String> found = new ArrayList<>();
        Matcher m = WORD.matcher(query == null ? "" : query);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.length() >= 2 && !found.contains(w)) {
                found.add(w);
            }
        }
        this.words = found;
    }

    /** title and description fragments that contain a word of the query (none when nothing matched). */
    Map<String, String> highlights(String title, String description) {
        Map<String, String> result = new LinkedHashMap<>();
        if (words.isEmpty()) {
            return result;
        }
        if (title != null && firstMatch(title) >= 0) {
            result.put("title", mark(title));
        }
        int at = description == null ? -1 : firstMatch(description);
        if (at >= 0) {
            int start = Math.max(0, at - FRAGMENT / 3);
            while (start > 0 && !Character.isWhitespace(description.charAt(start - 1))) {
                start--;
            }
            int end = Math.min(description.length(), start + FRAGMENT);
            while (end < description.length() && !Character.isWhitespace(description.charAt(end))) {
                end++;
            }
            result.put("description", (start > 0 ? "… " : "") + mark(description.substring(start, end))
                    + (end < description.length() ? " …" : ""));
        }
        return result;
    }

    /** The text escaped, each matching word in {@code <mark>}. */
    String mark(String text) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        Matcher m = WORD.matcher(text);
        int last = 0;
        while (m.find()) {
            if (matches(m.group())) {
                out.append(HtmlUtils.htmlEscape(text.substring(last, m.start())))
                        .append("<mark>").append(HtmlUtils.htmlEscape(m.group())).append("</mark>");
                last = m.end();
            }
        }
        return out.append(HtmlUtils.htmlEscape(text.substring(last))).toString();
    }

    private int firstMatch(String text) {
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (matches(m.group())) {
                return m.start();
            }
        }
        return -1;
    }

    /** A word of the text matches a query word it starts with, or (stems) a longer query word it begins. */
    private boolean matches(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (t.startsWith(w) || (t.length() >= 4 && w.startsWith(t))) {
                return true;
            }
        }
        return false;
    }
}
