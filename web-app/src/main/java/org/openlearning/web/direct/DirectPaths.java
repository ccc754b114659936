package org.openlearning.web.direct;

/** Paths of {@link DirectRoute}s: literal segments, and {@code {}} for a decimal id of at most 18 digits. */
final class DirectPaths {

    private DirectPaths() {
    }

    /** The ids of {@code uri} if it is exactly {@code template}'s shape; else null. */
    static long[] match(String template, String uri) {
        if (uri == null) {
            return null;
        }
        String[] want = template.split("/", -1);
        String[] got = uri.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        int count = 0;
        for (String w : want) {
            count += w.equals("{}") ? 1 : 0;
        }
        long[] ids = new long[count];
        for (int i = 0, id = 0; i < want.length; i++) {
            if (want[i].equals("{}")) {
                long n = number(got[i]);
                if (n < 0) {
                    return null;
                }
                ids[id++] = n;
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return ids;
    }

    /** The servlet URL pattern that covers {@code template}: its literal start, then {@code *}. */
    static String urlPattern(String template) {
        int first = template.indexOf("{}");
        String start = first < 0 ? template : template.substring(0, first);
        return start.substring(0, start.lastIndexOf('/') + 1) + "*";
    }

    /** The decimal number {@code text}, at most 18 digits; -1 when it is anything else. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
