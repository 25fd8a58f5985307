package org.chamberpulse.sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a post must not show: flags for profanity and abuse (from the documented word lists in
 * docs/MODERATION.md), and the redaction of e-mail addresses and phone numbers. Words are compared
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

    /** Swearing: flagged, counted, never quoted. */
    private static final Set<String> PROFANE = Set.of(
            "fuck", "fucking", "fucked", "fucker", "fuckers", "fuckin", "fck", "fk", "fuk", "fking", "motherfucker", "mf",
            "shit", "shitty", "shite", "bullshit", "shithole", "shitshow", "piss", "pissed", "pissing",
            "bollocks", "bollox", "bugger", "arse", "arsehole", "ass", "asshole", "bastard", "bastards",
            "bitch", "bitches", "bitching", "cock", "dick", "dickhead", "dickheads", "knob", "knobhead", "prick", "pricks",
            "twat", "twats", "wanker", "wankers", "wank", "tosser", "tossers", "bellend", "goddamn",
            "wtf", "stfu", "ffs", "omfg", "jfc", "cunt", "cunts", "slag", "minger", "munter", "douche", "douchebag");

    /** Slurs and attacks on people: flagged as abuse. */
    private static final Set<String> ABUSIVE = Set.of(
            "retard", "retarded", "spastic", "spaz", "mong", "nonce", "scum", "scumbag", "scumbags", "vermin", "parasite",
            "parasites", "subhuman", "faggot", "fag", "dyke", "tranny", "paki", "pakis", "nigger", "nigga", "chink",
            "gyppo", "pikey", "kike", "wog", "coon", "slut", "whore", "idiot", "idiots", "moron",
            "morons", "imbecile", "cretin", "halfwit", "lowlife");

    /** Phrases that threaten or wish harm, compared on folded words. */
    private static final List<String[]> THREATS = List.of(
            new String[] {"kill", "yourself"}, new String[] {"kill", "urself"}, new String[] {"kys"}, new String[] {"hope", "you", "die"},
            new String[] {"should", "be", "shot"}, new String[] {"should", "be", "hanged"}, new String[] {"string", "them", "up"},
            new String[] {"burn", "in", "hell"}, new String[] {"i", "will", "find", "you"}, new String[] {"watch", "your", "back"});

    private static final Tokenizer TOKENIZER = new Tokenizer();

    /** What moderation makes of a post: its flags, and its text with personal data redacted. */
    public record Review(List<String> flags, String redacted) {
    }

    /** Listed words by their squeezed form ("bolocks" finds "bollocks"), for folded words whose repeats were squeezed. */
    private static final java.util.Map<String, String> BY_SQUEEZED = bySqueezed();

    private static java.util.Map<String, String> bySqueezed() {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (Set<String> list : List.of(PROFANE, ABUSIVE)) {
            for (String word : list) {
                map.putIfAbsent(squeeze(word), word);
            }
        }
        return java.util.Map.copyOf(map);
    }

    /** The threat phrases folded as the words of a post are, once. */
    private static final List<String[]> FOLDED_THREATS = THREATS.stream()
            .map(threat -> Arrays.stream(threat).map(Moderation::fold).toArray(String[]::new))
            .toList();

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
        TreeSet<String> flags = new TreeSet<>();
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            if (token.type() == Token.Type.WORD || token.type() == Token.Type.HASHTAG || token.type() == Token.Type.OTHER
                    || token.type() == Token.Type.PUNCTUATION || token.type() == Token.Type.NUMBER) {
                String folded = fold(token.type() == Token.Type.HASHTAG ? token.text().substring(1) : token.text());
                if (folded.isEmpty()) {
                    continue;
                }
                words.add(folded);
            }
        }
        // A disguised word may be cut in pieces by its symbols ("f*ck" is f, *, ck): join such runs too.
        List<String> joined = joinFragments(text);
        for (String word : concat(words, joined)) {
            if (PROFANE.contains(word)) {
                flags.add(PROFANITY);
            }
            if (ABUSIVE.contains(word)) {
                flags.add(ABUSE);
            }
        }
        for (String[] threat : FOLDED_THREATS) {
            if (containsSequence(words, threat)) {
                flags.add(ABUSE);
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
            int phoneEnd = token.type() == Token.Type.NUMBER || token.text().equals("+") || token.text().equals("(")
                    ? phoneEnd(text, token.start()) : -1;
            String marker = null;
            int end = token.end();
            if (token.type() == Token.Type.EMAIL) {
                marker = EMAIL_REDACTED;
            } else if (token.type() == Token.Type.MENTION || (token.type() == Token.Type.URL && isProfileLink(token.text()))) {
                marker = MENTION_REDACTED;
                // "@alice@mastodon.social" and "@alice.bsky.social": the whole handle goes, its server too.
                while (k + 1 < tokens.size() && tokens.get(k + 1).start() == end && (tokens.get(k + 1).type() == Token.Type.MENTION
                        || tokens.get(k + 1).type() == Token.Type.EMAIL || tokens.get(k + 1).text().startsWith("@"))) {
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

    private static final java.util.regex.Pattern PROFILE_LINK = java.util.regex.Pattern.compile(
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
        if (isNumber(word)) {
            return "";
        }
        StringBuilder out = new StringBuilder(word.length());
        char previous = 0;
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
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
        return folded.indexOf('*') >= 0 ? unmask(folded) : collapse(folded);
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
    private static String unmask(String masked) {
        for (Set<String> list : List.of(PROFANE, ABUSIVE)) {
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
    private static String collapse(String folded) {
        if (PROFANE.contains(folded) || ABUSIVE.contains(folded)) {
            return folded;
        }
        return BY_SQUEEZED.getOrDefault(folded, folded);
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
    private static List<String> joinFragments(String text) {
        List<String> runs = new ArrayList<>();
        int n = text.length();
        int k = 0;
        while (k < n) {
            while (k < n && Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < n && !Character.isWhitespace(text.charAt(k))) {
                k++;
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
                String folded = fold(text.substring(s, e));
                if (!folded.isEmpty()) {
                    runs.add(folded);
                }
            }
        }
        return runs;
    }

    private static boolean disguised(String text, int s, int e) {
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (c == '*' || c == '$' || c == '@' || c == '!' || Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean containsSequence(List<String> words, String[] phrase) {
        for (int k = 0; k + phrase.length <= words.size(); k++) {
            boolean match = true;
            for (int j = 0; j < phrase.length && match; j++) {
                match = words.get(k + j).equals(phrase[j]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
