package org.chamberpulse.sentiment;

import java.util.Map;

/** The HTML entities posts carry when a network escapes its text: named ones and numeric ones. */
final class HtmlEntities {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("pound", "£"), Map.entry("euro", "€"),
            Map.entry("hellip", "…"), Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("rsquo", "\u2019"),
            Map.entry("lsquo", "\u2018"), Map.entry("rdquo", "\u201d"), Map.entry("ldquo", "\u201c"), Map.entry("copy", "©"));

    private HtmlEntities() {
    }

    /** The length of the entity starting at {@code start} ('&' ... ';'), or 0 when there is none. */
    static int lengthAt(CharSequence text, int start) {
        int n = text.length();
        if (start >= n || text.charAt(start) != '&') {
            return 0;
        }
        int k = start + 1;
        if (k < n && text.charAt(k) == '#') {
            k++;
            boolean hex = k < n && (text.charAt(k) == 'x' || text.charAt(k) == 'X');
            if (hex) {
                k++;
            }
            int digits = k;
            while (k < n && k - digits < 8 && (hex ? Character.digit(text.charAt(k), 16) >= 0 : Character.isDigit(text.charAt(k)))) {
                k++;
            }
            return k > digits && k < n && text.charAt(k) == ';' ? k + 1 - start : 0;
        }
        int letters = k;
        while (k < n && k - letters < 10 && isAsciiLetter(text.charAt(k))) {
            k++;
        }
        return k > letters && k < n && text.charAt(k) == ';' && NAMED.containsKey(text.subSequence(letters, k).toString())
                ? k + 1 - start : 0;
    }

    static String decode(String entity) {
        String body = entity.substring(1, entity.length() - 1);
        if (body.startsWith("#")) {
            boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
            try {
                int codePoint = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
                return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : entity;
            } catch (NumberFormatException e) {
                return entity;
            }
        }
        return NAMED.getOrDefault(body, entity);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
