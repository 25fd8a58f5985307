package org.chamberpulse.sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a post must not show: flags for profanity and abuse (from the word lists, {@link WordLists}: English and
 * Welsh shipped, a council's file on top; docs/MODERATION.md), and the redaction of e-mail addresses and phone numbers. Words are compared
 * after folding the usual disguises: case, repeated letters, and digits or symbols for letters
 * ("sh1t", "f*ck", "$hit").
 */
public final class Moderation {

    public static final String PROFANITY = "profanity";
    public static final String ABUSE = "abuse";
    public static final String EMAIL_REDACTED = "[email removed]";
    public static final String PHONE_REDACTED = "[phone removed]";
    /** What stands for an @mention or a link to a person's profile: a private individual is never named. */
    public static final String MENTION_REDACTED = "@…";

    /**
     * The lists in use, with what is derived from them; replaced whole when a council's file changes.
     *
     * @param flagsOf         each listed word with the flags it raises, sorted: one lookup a word
     * @param threatsByFirst  the threatening phrases, folded, by their first word: only a post's words that start one are tried
     */
    private record Active(WordLists lists, Map<String, List<String>> flagsOf, Map<String, String> bySqueezed,
                          Map<String, List<String[]>> threatsByFirst) {
    }

    private static volatile Active active;

    static {
        use(WordLists.shipped());
    }

    /**
     * Moderates with these lists from now on (a council's {@code moderation.words}, reloaded when it changes).
     * Comments already moderated keep their flags: the lists apply to what arrives after.
     */
    public static void use(WordLists lists) {
        Map<String, String> squeezed = new HashMap<>();
        Map<String, TreeSet<String>> flagsOf = new HashMap<>();
        for (Map.Entry<String, Set<String>> list : List.of(Map.entry(PROFANITY, lists.profane()), Map.entry(ABUSE, lists.abusive()))) {
            for (String word : list.getValue()) {
                squeezed.putIfAbsent(squeeze(word), word);
                flagsOf.computeIfAbsent(word, w -> new TreeSet<>()).add(list.getKey());
            }
        }
        Map<String, List<String>> listed = new HashMap<>();
        flagsOf.forEach((word, flags) -> listed.put(word, List.copyOf(flags)));
        // Threats are folded as posts will be, with the new lists; readers see the old lists or the new, never a mix.
        Active without = new Active(lists, listed, Map.copyOf(squeezed), Map.of());
        Map<String, List<String[]>> threatsByFirst = new HashMap<>();
        for (String[] threat : lists.threats()) {
            // A phrase of no words threatens no one.
            if (threat.length > 0) {
                String[] folded = Arrays.stream(threat).map(word -> fold(word, without)).toArray(String[]::new);
                threatsByFirst.computeIfAbsent(folded[0], first -> new ArrayList<>()).add(folded);
            }
        }
        active = new Active(lists, listed, without.bySqueezed(), threatsByFirst);
    }

    private static final Tokenizer TOKENIZER = new Tokenizer();

    /** What moderation makes of a post: its flags, and its text with personal data redacted. */
    public record Review(List<String> flags, String redacted) {
    }

    private Moderation() {
    }

    /** The flags of a post, sorted: "abuse", "profanity", or none. */
    public static List<String> flags(String text) {
        return flags(text, TOKENIZER.tokenize(text));
    }

    /** Flags and redaction from one pass of the tokenizer. */
    public static Review review(String text) {
        List<Token> tokens = TOKENIZER.tokenize(text);
        return new Review(flags(text, tokens), redact(text, tokens));
    }

    private static List<String> flags(String text, List<Token> tokens) {
        Active now = active;
        TreeSet<String> flags = new TreeSet<>();
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            if (token.type() == Token.Type.WORD || token.type() == Token.Type.HASHTAG || token.type() == Token.Type.OTHER
                    || token.type() == Token.Type.PUNCTUATION || token.type() == Token.Type.NUMBER) {
                if (token.type() == Token.Type.PUNCTUATION && !standsForLetters(token)) {
                    continue; // folds to nothing: its text is not asked for
                }
                String folded = fold(token.post().substring(token.type() == Token.Type.HASHTAG ? token.start() + 1 : token.start(), token.end()), now);
                if (folded.isEmpty()) {
                    continue;
                }
                words.add(folded);
            }
        }
        // A disguised word may be cut in pieces by its symbols ("f*ck" is f, *, ck): join such runs too.
        List<String> joined = joinFragments(text, now);
        for (List<String> found : List.of(words, joined)) {
            for (String word : found) {
                List<String> raised = now.flagsOf().get(word);
                if (raised != null) {
                    flags.addAll(raised);
                }
            }
        }
        for (int k = 0; k < words.size() && !flags.contains(ABUSE); k++) {
            // Most words start no threat: no empty list to walk (its iterator was 1 % of the stream threads' allocation).
            List<String[]> threats = now.threatsByFirst().get(words.get(k));
            if (threats == null) {
                continue;
            }
            for (String[] threat : threats) {
                if (startsWith(words, k, threat)) {
                    flags.add(ABUSE);
                }
            }
        }
        return List.copyOf(flags);
    }

    /** The post with every e-mail address, phone number, @mention and profile link replaced by a marker. */
    public static String redact(String text) {
        return redact(text, TOKENIZER.tokenize(text));
    }

    private static String redact(String text, List<Token> tokens) {
        StringBuilder out = null;
        int copied = 0;
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            int phoneEnd = token.type() == Token.Type.NUMBER || token.is('+') || token.is('(')
                    ? phoneEnd(text, token.start()) : -1;
            String marker = null;
            int end = token.end();
            if (token.type() == Token.Type.EMAIL) {
                marker = EMAIL_REDACTED;
            } else if (token.type() == Token.Type.MENTION || (token.type() == Token.Type.URL && isProfileLink(token.text()))) {
                marker = MENTION_REDACTED;
                // "@alice@mastodon.social" and "@alice.bsky.social": the whole handle goes, its server too.
                while (k + 1 < tokens.size() && tokens.get(k + 1).start() == end && (tokens.get(k + 1).type() == Token.Type.MENTION
                        || tokens.get(k + 1).type() == Token.Type.EMAIL || tokens.get(k + 1).startsWith('@'))) {
                    end = tokens.get(++k).end();
                }
            } else if (phoneEnd > 0) {
                marker = PHONE_REDACTED;
                end = phoneEnd;
            }
            if (marker != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, token.start()).append(marker);
                copied = end;
                while (k + 1 < tokens.size() && tokens.get(k + 1).start() < end) {
                    k++;
                }
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static final Pattern PROFILE_LINK = Pattern.compile(
            "(?i)^(?:https?://)?(?:www\\.)?(?:[^/\\s]+/@[^/\\s]+"                    // Mastodon and the fediverse: server/@name
            + "|bsky\\.app/profile/[^/\\s]+"                                        // Bluesky
            + "|(?:mobile\\.)?(?:twitter|x)\\.com/(?!i/|hashtag/|search)[A-Za-z0-9_]{1,15}/?(?:[?#].*)?$" // X: a profile, not a post
            + "|(?:facebook\\.com|instagram\\.com|threads\\.net|tiktok\\.com)/@?[^/\\s]+/?$"
            + "|[^/\\s]+/users/[^/\\s]+)");

    /** A link that names a person: a profile on a social network, or a Mastodon post's author URI. */
    static boolean isProfileLink(String url) {
        return PROFILE_LINK.matcher(url).find();
    }

    /**
     * The end of a UK or international phone number starting at {@code start}: 10 to 13 digits, with
     * spaces, dashes, dots or brackets between them, starting with 0, +44 or another +country code;
     * or -1 when there is none.
     */
    static int phoneEnd(String text, int start) {
        int n = text.length();
        int k = start;
        boolean plus = k < n && text.charAt(k) == '+';
        if (plus) {
            k++;
        }
        boolean bracket = k < n && text.charAt(k) == '(';
        if (bracket) {
            k++;
        }
        if (k >= n || !Character.isDigit(text.charAt(k)) || (!plus && text.charAt(k) != '0')) {
            return -1;
        }
        int digits = 0;
        int end = k;
        while (k < n) {
            char c = text.charAt(k);
            if (c >= '0' && c <= '9') {
                digits++;
                k++;
                end = k;
            } else if ((c == ' ' || c == '-' || c == '.' || c == ')' || c == '(') && k + 1 < n
                    && (Character.isDigit(text.charAt(k + 1)) || text.charAt(k + 1) == '(' || text.charAt(k + 1) == ' ')) {
                k++;
            } else {
                break;
            }
            if (digits > 13) {
                return -1;
            }
        }
        return digits >= 10 && digits <= 13 ? end : -1;
    }

    /**
     * Lower case, look-alike digits and symbols as letters, runs of a letter as one ("shiiit" is "shit"). A
     * number (digits alone, with currency signs, %, '.', ',', or the ':', '/', '-' and '+' of times, dates and
     * scores: "45", "£45", "12.5%", "1,200", "18:45", "27/11") is never a disguised word: the 45 bus is not
     * "as", and 455 is not "ass".
     */
    static String fold(String word) {
        return fold(word, active);
    }

    private static String fold(String word, Active with) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (isPlain(lower)) {
            return collapse(lower, with);
        }
        if (isNumber(word)) {
            return "";
        }
        StringBuilder out = new StringBuilder(word.length());
        char previous = 0;
        for (char c : lower.toCharArray()) {
            char letter = switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '*' -> '*';
                default -> c;
            };
            if (!Character.isLetter(letter) && letter != '*') {
                continue;
            }
            if (letter != previous || letter == '*') {
                out.append(letter);
            }
            previous = letter;
        }
        String folded = out.toString();
        return folded.indexOf('*') >= 0 ? unmask(folded, with) : collapse(folded, with);
    }

    /** Letters a to z, no letter twice in a row: most words, which folding leaves as they are (in lower case). */
    private static boolean isPlain(String word) {
        char previous = 0;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c < 'a' || c > 'z' || c == previous) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isNumber(String word) {
        boolean digit = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("£$€%.,:/-+".indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }

    /** "f*ck" and "sh*t": a star stands for one letter of a listed word of the same shape. */
    private static String unmask(String masked, Active with) {
        for (Set<String> list : List.of(with.lists().profane(), with.lists().abusive())) {
            for (String word : list) {
                if (word.length() == masked.length() && matchesMask(masked, word)) {
                    return word;
                }
            }
        }
        return masked.replace("*", "");
    }

    private static boolean matchesMask(String masked, String word) {
        for (int k = 0; k < masked.length(); k++) {
            if (masked.charAt(k) != '*' && masked.charAt(k) != word.charAt(k)) {
                return false;
            }
        }
        return masked.charAt(0) != '*';
    }

    /** Repeated letters were folded to one; a listed word with a double letter ("bollocks") is found again. */
    private static String collapse(String folded, Active with) {
        if (with.flagsOf().containsKey(folded)) {
            return folded;
        }
        return with.bySqueezed().getOrDefault(folded, folded);
    }

    private static String squeeze(String word) {
        StringBuilder out = new StringBuilder(word.length());
        char previous = 0;
        for (char c : word.toCharArray()) {
            if (c != previous) {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    /**
     * Pieces of text between white space that hold a disguising symbol or digit inside ("f*ck", "sh!t",
     * "$hit", "b1tch"), without the punctuation around them, folded.
     */
    private static List<String> joinFragments(String text, Active now) {
        List<String> runs = List.of();
        int n = text.length();
        int k = 0;
        while (k < n) {
            while (k < n && Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            int start = k;
            // Most pieces hold no disguising character at all: found while the piece is passed, they are left at once.
            boolean marked = false;
            while (k < n && !Character.isWhitespace(text.charAt(k))) {
                marked |= disguising(text.charAt(k));
                k++;
            }
            if (!marked) {
                continue;
            }
            int s = start;
            int e = k;
            while (s < e && !Character.isLetterOrDigit(text.charAt(s)) && "*$@".indexOf(text.charAt(s)) < 0) {
                s++;
            }
            while (e > s && !Character.isLetterOrDigit(text.charAt(e - 1)) && text.charAt(e - 1) != '*') {
                e--;
            }
            if (disguised(text, s, e)) {
                String folded = fold(text.substring(s, e), now);
                if (!folded.isEmpty()) {
                    if (runs.isEmpty()) {
                        runs = new ArrayList<>();
                    }
                    runs.add(folded);
                }
            }
        }
        return runs;
    }

    private static boolean disguised(String text, int s, int e) {
        for (int k = s; k < e; k++) {
            if (disguising(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a run of punctuation folds to something: only '!', '@' and '$' stand for letters, and '*' for any. */
    private static boolean standsForLetters(Token punctuation) {
        for (int k = punctuation.start(); k < punctuation.end(); k++) {
            char c = punctuation.post().charAt(k);
            if (c == '!' || c == '@' || c == '$' || c == '*') {
                return true;
            }
        }
        return false;
    }

    private static boolean disguising(char c) {
        return c == '*' || c == '$' || c == '@' || c == '!' || Character.isDigit(c);
    }

    private static boolean startsWith(List<String> words, int from, String[] phrase) {
        if (from + phrase.length > words.size()) {
            return false;
        }
        for (int j = 0; j < phrase.length; j++) {
            if (!words.get(from + j).equals(phrase[j])) {
                return false;
            }
        }
        return true;
    }
}
