package org.chamberpulse.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a social post into tokens: words (with inner apostrophes and hyphens), numbers, hashtags,
 * mentions, links, e-mail addresses, emoji (with skin tones, variation selectors, keycaps, flags and
 * zero-width-joiner sequences as one token), emoticons, HTML entities, runs of punctuation and white
 * space. It never throws and never loses a character: the tokens' texts put together are the post.
 */
public final class Tokenizer {

    private static final String[] EMOTICONS = {
        ":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":-P", ":P", ":-p", ":p", ":'(", ":/", ":-/", ":|", ":-|",
        ":O", ":o", ":-O", "<3", "</3", "XD", "xD", "^_^", "-_-", ":*", ":-*", "=)", "=(", "D:"};

    /** The first characters of the emoticons: any other character starts none, and is passed at once. */
    private static final String EMOTICON_STARTS = startsOf(EMOTICONS);

    private static final int ZWJ = 0x200D;
    private static final int KEYCAP = 0x20E3;

    private static String startsOf(String[] emoticons) {
        StringBuilder starts = new StringBuilder();
        for (String emoticon : emoticons) {
            if (starts.indexOf(emoticon.substring(0, 1)) < 0) {
                starts.append(emoticon.charAt(0));
            }
        }
        return starts.toString();
    }

    /** What {@link #scan} tells of each token in turn. */
    @FunctionalInterface
    public interface Sink {
        void token(Token.Type type, int start, int end);
    }

    public List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        scan(text, (type, start, end) -> tokens.add(new Token(type, text, start, end)));
        return tokens;
    }

    /** Cuts the post as {@link #tokenize} does, telling {@code sink} of each token instead of keeping them. */
    public void scan(String text, Sink sink) {
        int n = text.length();
        int lastAt = text.lastIndexOf('@');
        int k = 0;
        while (k < n) {
            int end;
            Token.Type type;
            int cp = text.codePointAt(k);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                end = spaceEnd(text, k);
                type = Token.Type.SPACE;
            } else if ((end = urlEnd(text, k)) > k) {
                type = Token.Type.URL;
            } else if ((end = emailEnd(text, k, lastAt)) > k) {
                type = Token.Type.EMAIL;
            } else if (cp == '#' && (end = wordEnd(text, k + 1, false)) > k + 1 && !isDigitsOnly(text, k + 1, end)) {
                type = Token.Type.HASHTAG;
            } else if (cp == '@' && (end = handleEnd(text, k + 1)) > k + 1) {
                type = Token.Type.MENTION;
            } else if (cp == '&' && (end = k + HtmlEntities.lengthAt(text, k)) > k) {
                type = Token.Type.ENTITY;
            } else if ((end = emoticonEnd(text, k)) > k) {
                type = Token.Type.EMOTICON;
            } else if ((end = emojiEnd(text, k)) > k) {
                type = Token.Type.EMOJI;
            } else if (Character.isLetter(cp)) {
                end = wordEnd(text, k, true);
                type = Token.Type.WORD;
            } else if (Character.isDigit(cp)) {
                end = numberEnd(text, k);
                type = Token.Type.NUMBER;
            } else if (isPunctuation(cp)) {
                end = runEnd(text, k, cp);
                type = Token.Type.PUNCTUATION;
            } else {
                end = k + Character.charCount(cp);
                type = Token.Type.OTHER;
            }
            sink.token(type, k, end);
            k = end;
        }
    }

    /**
     * The words of a hashtag: "#SaveOurLibraries" is save, our, libraries; "#bcclive" stays one word.
     * A run of capitals stays together ("#NHSFunding" is nhs, funding).
     */
    public static List<String> hashtagWords(String hashtag) {
        String tag = hashtag.startsWith("#") ? hashtag.substring(1) : hashtag;
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= tag.length(); k++) {
            boolean split = k == tag.length()
                    || tag.charAt(k) == '_'
                    || (Character.isUpperCase(tag.charAt(k)) && Character.isLowerCase(tag.charAt(k - 1)))
                    || (Character.isUpperCase(tag.charAt(k)) && k + 1 < tag.length() && Character.isLowerCase(tag.charAt(k + 1))
                        && Character.isUpperCase(tag.charAt(k - 1)))
                    || (Character.isDigit(tag.charAt(k)) != Character.isDigit(tag.charAt(k - 1)));
            if (split) {
                String word = tag.substring(start, k).replace("_", "");
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
                start = k;
            }
        }
        return words;
    }

    private static int spaceEnd(String text, int k) {
        int n = text.length();
        while (k < n) {
            int cp = text.codePointAt(k);
            if (!(Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                break;
            }
            k += Character.charCount(cp);
        }
        return k;
    }

    /** Letters, digits, marks and '_'; inside a word also an apostrophe or hyphen between letters ("don't", "cul-de-sac"). */
    private static int wordEnd(String text, int k, boolean joiners) {
        int n = text.length();
        while (k < n) {
            int cp = text.codePointAt(k);
            if (Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                k += Character.charCount(cp);
            } else if (joiners && (cp == '\'' || cp == '\u2019' || cp == '-') && k + 1 < n && Character.isLetter(text.codePointAt(k + 1))
                    && k > 0 && Character.isLetter(text.codePointBefore(k))) {
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    private static boolean isDigitsOnly(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Character.isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int handleEnd(String text, int k) {
        int n = text.length();
        int end = k;
        while (end < n) {
            char c = text.charAt(end);
            boolean inner = c == '.' || c == '@';
            if (Character.isLetterOrDigit(c) || c == '_' || (inner && end + 1 < n && Character.isLetterOrDigit(text.charAt(end + 1)))) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    private static int urlEnd(String text, int k) {
        if (!mayStartUrl(text.charAt(k))) {
            return k;
        }
        boolean scheme = text.regionMatches(true, k, "http://", 0, 7) || text.regionMatches(true, k, "https://", 0, 8);
        boolean www = !scheme && text.regionMatches(true, k, "www.", 0, 4);
        if (!scheme && !www) {
            return k;
        }
        int n = text.length();
        int end = k;
        while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '<' && text.charAt(end) != '>' && text.charAt(end) != '"') {
            end++;
        }
        // Punctuation that closes a sentence is not part of the link.
        while (end > k && ".,;:!?)]}'".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /** @param lastAt where the text's last '@' is: no address starts after it */
    private static int emailEnd(String text, int k, int lastAt) {
        if (k > lastAt) {
            return k;
        }
        int n = text.length();
        int at = k;
        while (at < n && isEmailChar(text.charAt(at))) {
            at++;
        }
        if (at == k || at >= n || text.charAt(at) != '@') {
            return k;
        }
        int end = at + 1;
        while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-' || text.charAt(end) == '.')) {
            end++;
        }
        while (end > at + 1 && text.charAt(end - 1) == '.') {
            end--;
        }
        int lastDot = text.lastIndexOf('.', end - 1);
        return lastDot > at + 1 && lastDot < end - 1 ? end : k;
    }

    /** Whether a link may start with {@code c}: "http" and "www" do, in any case (other scripts are asked in full). */
    static boolean mayStartUrl(char c) {
        char lower = (char) (c | 0x20);
        return lower == 'h' || lower == 'w' || c > 0x7F;
    }

    private static boolean isEmailChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static int emoticonEnd(String text, int k) {
        if (EMOTICON_STARTS.indexOf(text.charAt(k)) < 0) {
            return k;
        }
        for (String emoticon : EMOTICONS) {
            if (text.startsWith(emoticon, k)) {
                int end = k + emoticon.length();
                // ":Don't" is no emoticon: one ends at a space or at the end, or before punctuation.
                if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
                    return end;
                }
            }
        }
        return k;
    }

    /** One emoji as a reader sees it: its modifiers, variation selectors, keycap and joined parts included. */
    private static int emojiEnd(String text, int k) {
        int n = text.length();
        int cp = text.codePointAt(k);
        if (isRegionalIndicator(cp)) {
            int end = k + Character.charCount(cp);
            if (end < n && isRegionalIndicator(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            return end;
        }
        boolean keycapBase = (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
        if (keycapBase) {
            int end = k + 1;
            if (end < n && text.charAt(end) == '\uFE0F') {
                end++;
            }
            return end < n && text.charAt(end) == KEYCAP ? end + 1 : k;
        }
        if (!isEmoji(cp)) {
            return k;
        }
        int end = k + Character.charCount(cp);
        while (end < n) {
            int next = text.codePointAt(end);
            if (isModifier(next) || next == 0xFE0F || next == 0xFE0E || next == KEYCAP || isTag(next)) {
                end += Character.charCount(next);
            } else if (next == ZWJ && end + 1 < n && isEmoji(text.codePointAt(end + 1))) {
                end += 1;
                end += Character.charCount(text.codePointAt(end));
            } else {
                break;
            }
        }
        return end;
    }

    static boolean isEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
                || (cp >= 0x1F000 && cp <= 0x1F2FF) || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF)
                || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || (cp >= 0x3030 && cp <= 0x303D) || cp == 0x3297 || cp == 0x3299;
    }

    private static boolean isModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static int numberEnd(String text, int k) {
        int n = text.length();
        int end = k;
        while (end < n && (Character.isDigit(text.charAt(end))
                || ((text.charAt(end) == '.' || text.charAt(end) == ',') && end + 1 < n && Character.isDigit(text.charAt(end + 1))))) {
            end++;
        }
        // "4.99%" and "2nd" stay together.
        while (end < n && (text.charAt(end) == '%' || Character.isLetter(text.charAt(end)))) {
            end++;
        }
        return end;
    }

    private static boolean isPunctuation(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_PUNCTUATION || type == Character.DASH_PUNCTUATION || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION || type == Character.CONNECTOR_PUNCTUATION
                || type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL || type == Character.MODIFIER_SYMBOL;
    }

    /** "!!!" and "?!" are one token: repeated punctuation is emphasis. */
    private static int runEnd(String text, int k, int first) {
        int n = text.length();
        int end = k + Character.charCount(first);
        boolean emphatic = first == '!' || first == '?';
        while (end < n) {
            int next = text.codePointAt(end);
            if (next == first || (emphatic && (next == '!' || next == '?')) || (first == '.' && next == '.')) {
                end += Character.charCount(next);
            } else {
                break;
            }
        }
        return end;
    }
}
