package org.chamberpulse.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/** Small text rules shared by ingest, topology and sinks: hashtags, item tags, duplicate-text keys. */
public final class Text {

    public static final String ITEM_TAG_PREFIX = "item";

    private Text() {
    }

    /** The most characters of a client-supplied value a log line or the audit log keeps. */
    public static final int LOG_CLIP = 120;

    /**
     * A client-supplied value as a log may hold it: control characters (a forged line break included) as
     * '?', and at most {@link #LOG_CLIP} characters, then how many more there were.
     */
    public static String forLog(String value) {
        if (value == null) {
            return "";
        }
        int keep = Math.min(value.length(), LOG_CLIP);
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        StringBuilder out = new StringBuilder(keep + 16);
        for (int i = 0; i < keep; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (keep < value.length()) {
            out.append("…[+").append(value.length() - keep).append(']');
        }
        return out.toString();
    }

    /**
     * The first line of an error's message, or {@code whenNone} when it has none: Jackson and Kafka append the source
     * location or details on further lines, and a reason read by a person (a 4xx body, a dead letter) reads better without.
     */
    public static String firstLine(String message, String whenNone) {
        if (message == null) {
            return whenNone;
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Text made safe inside HTML and XML elements and attribute values (the pages, the report and its charts): every
     * character markup gives a meaning to escaped, and the control characters XML 1.0 forbids (all but tab and
     * newline) left out: the report's PDF is rendered from XHTML.
     */
    public static String escapeMarkup(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** "#BccLive " becomes "bcclive": hashtags compare case-insensitively and without the '#'. */
    public static String normaliseHashtag(String hashtag) {
        String trimmed = hashtag == null ? "" : hashtag.strip();
        while (trimmed.startsWith("#")) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** True for {@code item<number>} tags such as "item4" or "item12b", which name an agenda item rather than a meeting. */
    public static boolean isItemTag(String normalisedHashtag) {
        return normalisedHashtag.length() > ITEM_TAG_PREFIX.length()
                && normalisedHashtag.startsWith(ITEM_TAG_PREFIX)
                && Character.isDigit(normalisedHashtag.charAt(ITEM_TAG_PREFIX.length()));
    }

    public static String alphanumericLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toLowerCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * The hashtags written in a text ("#bcclive", "#Item4"), normalised, in order of first appearance.
     * A tag starts at '#' not preceded by a letter or digit and runs over letters, digits and '_'.
     */
    public static List<String> hashtagsIn(String text) {
        Set<String> tags = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        int i = 0;
        while (i < text.length()) {
            int hash = text.indexOf('#', i);
            if (hash < 0) {
                break;
            }
            int end = hash + 1;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                if (!Character.isLetterOrDigit(cp) && cp != '_') {
                    break;
                }
                end += Character.charCount(cp);
            }
            boolean startsWord = hash == 0 || !Character.isLetterOrDigit(text.codePointBefore(hash));
            if (startsWord && end > hash + 1) {
                tags.add(normaliseHashtag(text.substring(hash + 1, end)));
            }
            i = end > hash ? end : hash + 1;
        }
        return List.copyOf(tags);
    }

    /** The fewest words a text needs before copies of it by many people can be a coordinated burst. */
    public static final int DISTINCTIVE_WORDS = 6;

    /**
     * Whether a text says enough to be a campaign's when many people post it: at least {@link #DISTINCTIVE_WORDS}
     * words (a word holds a letter or a digit; hashtags, mentions and links are not words). "Well said" or an
     * emoji from twelve residents is twelve people agreeing, not one script.
     */
    public static boolean isDistinctive(String text) {
        if (text == null) {
            return false;
        }
        // A scan rather than a split: this runs for every comment.
        int words = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean letterOrDigit = false;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                letterOrDigit |= Character.isLetterOrDigit(text.charAt(i));
                i++;
            }
            if (i == start) {
                break;
            }
            char first = text.charAt(start);
            if (letterOrDigit && first != '#' && first != '@' && !startsUrl(text, start) && ++words >= DISTINCTIVE_WORDS) {
                return true;
            }
        }
        return false;
    }

    /**
     * The form of a text under which copies count once: case, runs of white space and URLs ignored.
     */
    public static String duplicateKey(String text) {
        StringBuilder out = new StringBuilder(text == null ? 0 : text.length());
        duplicateKey(text, out::appendCodePoint);
        return out.toString();
    }

    /** {@link #duplicateKey(String)} code point by code point, for a caller that hashes it rather than keep it. */
    public static void duplicateKey(String text, IntConsumer out) {
        if (text == null) {
            return;
        }
        boolean pendingSpace = false;
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            if (startsUrl(text, i)) {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                pendingSpace = true;
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && any) {
                out.accept(' ');
            }
            pendingSpace = false;
            any = true;
            out.accept(Character.toLowerCase(cp));
        }
    }

    private static boolean startsUrl(String text, int i) {
        boolean atWordStart = i == 0 || Character.isWhitespace(text.charAt(i - 1));
        // Most words cannot start a link: case-blind matching is slow for a text with an emoji in it (UTF-16), and
        // this ran at every word of every comment (2 % of the stream threads' samples; docs/BENCHMARKS.md).
        char lower = (char) (text.charAt(i) | 0x20);
        boolean mayStart = lower == 'h' || lower == 'w' || text.charAt(i) > 0x7F;
        return atWordStart && mayStart && (text.regionMatches(true, i, "http://", 0, 7)
                || text.regionMatches(true, i, "https://", 0, 8)
                || text.regionMatches(true, i, "www.", 0, 4));
    }
}
