package org.chamberpulse.sentiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * A faithful Java port of the VADER 3.3.1 sentiment algorithm (Hutto and Gilbert, ICWSM 2014): the same
 * tokens, boosters, negations, capital emphasis, "but" shift, idioms, punctuation emphasis and
 * normalisation, down to the reference's quirks, so that it gives the reference's numbers.
 *
 * <p>One instance holds the working buffers of one thread: reuse it, never share it. Scoring a text
 * allocates nothing beyond the result, except for tokens that hold non-ASCII letters, which are
 * lower-cased through a string.
 */
public final class Vader {

    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;

    private static final VaderScores NO_TOKENS = new VaderScores(0.0, 0.0, 0.0, 0.0);
    private static final VaderScores NEUTRAL = new VaderScores(0.0, 1.0, 0.0, 0.0);

    private final Lexicon lexicon;

    private char[] text = new char[512];
    private int length;
    private int exclamations;
    private int questions;

    private int[] start = new int[64];
    private int[] end = new int[64];
    private int[] ids = new int[64];
    private boolean[] upper = new boolean[64];
    private boolean[] hasNt = new boolean[64];
    private double[] sentiments = new double[64];
    /** Per token, its word's {@link Lexicon#wordFlags} (0 for a token not in the vocabulary). */
    private byte[] flags = new byte[64];
    /** Each token's hash in lower case (ASCII letters folded), or 0 for a token with other letters (hashed when asked). */
    private long[] hashes = new long[64];
    private int count;
    private boolean capDifferential;

    /** Set by the language pass that rides along the token pass; see {@link #languageCounts}. */
    private int wordTokens;
    private int englishWords;
    private boolean welshWord;
    /** Words the lookup did not settle as English, to be checked against the word list only if needed. */
    private int[] pendingStart = new int[64];
    private int[] pendingEnd = new int[64];
    private int[] pendingRawStart = new int[64];
    private int[] pendingId = new int[64];
    private long[] pendingHash = new long[64];
    private int pending;
    private int checked;

    public Vader() {
        this(Lexicon.DEFAULT);
    }

    Vader(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    public VaderScores score(CharSequence input) {
        prepare(input);
        return computeScores();
    }

    /** Reads the text into tokens; afterwards {@link #languageCounts} tells how English its words are. */
    void prepare(CharSequence input) {
        replaceEmoji(input);
        tokenize();
    }

    VaderScores computeScores() {
        if (!anyLexiconWord()) {
            // Every token's valence is 0 (boosters and "kind of" included): the reference's numbers follow.
            return count == 0 ? NO_TOKENS : NEUTRAL;
        }
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            // Words outside the lexicon, boosters, and the "kind" of "kind of" carry no valence of their own.
            if (!inLexicon(i) || lexicon.isBooster[id] || (id == lexicon.kind && i < count - 1 && ids[i + 1] == lexicon.of)) {
                sentiments[i] = 0;
            } else {
                sentiments[i] = valence(i);
            }
        }
        butCheck();
        return scoreValence();
    }

    /**
     * Word tokens (letters only, no hashtags, mentions or links), how many are English words, and whether one
     * is Welsh. A word common in English or in the lexicon is English at once; the others are checked
     * against the English word list (and as plurals and compounds) only until English words make up
     * {@code share} of all the words there could be: the rest could not change that verdict, and the word
     * count is then an upper bound. Without a Welsh word and short of the share, the counts are exact.
     */
    long languageCounts(double share) {
        for (; checked < pending && (welshWord || englishWords < share * wordTokens); checked++) {
            int s = pendingStart[checked];
            if (lexicon.english.mightContain(pendingHash[checked]) || englishForms(s, pendingEnd[checked])) {
                englishWords++;
            } else if (pendingId[checked] < 0 && Character.isUpperCase(text[s]) && s == pendingRawStart[checked]) {
                // A capitalised word no list knows is most likely a name: it tells nothing of the language.
                wordTokens--;
            }
        }
        return ((long) wordTokens << 32) | ((long) englishWords << 1) | (welshWord ? 1 : 0);
    }

    // ---- the tokens as the tuned model reads them ------------------------------------------------------------

    /** How many tokens the text last prepared has (emoji read as their descriptions). */
    int tokens() {
        return count;
    }

    /** Token i's hash in lower case; every link has one hash, as a link's address says nothing of its mood. */
    long tokenHash(int i) {
        if (startsLink(start[i])) {
            return LINK_HASH;
        }
        long hash = hashes[i];
        return hash != 0 ? hash : Vocabulary.hash64(text, start[i], end[i], true);
    }

    private static final long LINK_HASH = 0x6c696e6b6c696e6bL;

    /** Whether token i negates what follows ("not", "never", "isn't"...), as VADER's rules read it. */
    boolean negates(int i) {
        return negated(i);
    }

    /** Whether token i ends a clause: it ends with . , ; : ! or ? (a negation's reach ends there). */
    boolean endsClause(int i) {
        int e = end[i];
        while (e < length && !isPythonSpace(text[e])) {
            e++;
        }
        char last = text[e - 1];
        return last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?';
    }

    int exclamations() {
        return exclamations;
    }

    int questions() {
        return questions;
    }

    // ---- text preparation -----------------------------------------------------------------------------

    /** The reference replaces each emoji code point by its description, then strips white space at both ends. */
    private void replaceEmoji(CharSequence input) {
        int n = input.length();
        ensureText(n + 16);
        length = 0;
        exclamations = 0;
        questions = 0;
        if (input instanceof String string && asciiOnly(string, n)) {
            return;
        }
        boolean previousSpace = true;
        for (int k = 0; k < n; ) {
            char c = input.charAt(k);
            if (c < 0x80) {
                append(c);
                if (c == '!') {
                    exclamations++;
                } else if (c == '?') {
                    questions++;
                }
                previousSpace = c == ' ';
                k++;
                continue;
            }
            int codePoint = Character.codePointAt(input, k);
            int width = Character.charCount(codePoint);
            char[] description = lexicon.emoji(codePoint);
            if (description != null) {
                ensureText(length + description.length + 1 + (n - k));
                if (!previousSpace) {
                    append(' ');
                }
                System.arraycopy(description, 0, text, length, description.length);
                length += description.length;
                // The reference counts the marks of the replaced text: "ON! arrow" and "UP! button" have one.
                for (char d : description) {
                    exclamations += d == '!' ? 1 : 0;
                    questions += d == '?' ? 1 : 0;
                }
                previousSpace = false;
            } else {
                append(c);
                if (width == 2) {
                    append(input.charAt(k + 1));
                }
                previousSpace = false;
            }
            k += width;
        }
    }

    /** Copies a plain ASCII text as it is, counting its marks; false (and nothing kept) when it holds anything else. */
    private boolean asciiOnly(String input, int n) {
        input.getChars(0, n, text, 0);
        int marks = 0;
        int asks = 0;
        int bits = 0;
        // No branches on the characters: one pass the compiler keeps tight, the ASCII verdict at the end.
        for (int k = 0; k < n; k++) {
            char c = text[k];
            bits |= c;
            marks += c == '!' ? 1 : 0;
            asks += c == '?' ? 1 : 0;
        }
        if (bits >= 0x80) {
            return false;
        }
        length = n;
        exclamations = marks;
        questions = asks;
        return true;
    }

    private void append(char c) {
        if (length == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[length++] = c;
    }

    private void ensureText(int capacity) {
        if (text.length < capacity) {
            text = Arrays.copyOf(text, Math.max(capacity, text.length * 2));
        }
    }

    /** Python's str.split(): runs of white space separate tokens; then each loses its outer punctuation. */
    private void tokenize() {
        count = 0;
        wordTokens = 0;
        englishWords = 0;
        welshWord = false;
        pending = 0;
        checked = 0;
        int allCaps = 0;
        int k = 0;
        while (k < length) {
            while (k < length && isPythonSpace(text[k])) {
                k++;
            }
            if (k >= length) {
                break;
            }
            int tokenStart = k;
            while (k < length && !isPythonSpace(text[k])) {
                k++;
            }
            addToken(tokenStart, k);
            if (upper[count - 1]) {
                allCaps++;
            }
        }
        int differential = count - allCaps;
        capDifferential = differential > 0 && differential < count;
    }

    private void addToken(int tokenStart, int tokenEnd) {
        if (count == start.length) {
            growTokens();
        }
        int s = tokenStart;
        int e = tokenEnd;
        while (s < e && isAsciiPunctuation(text[s])) {
            s++;
        }
        while (e > s && isAsciiPunctuation(text[e - 1])) {
            e--;
        }
        int wordStart = s;
        int wordEnd = e;
        if (e - s <= 2 || (e - s <= 4 && Character.codePointCount(text, s, e - s) <= 2)) {
            // The reference keeps short words whole: "I," stays "I," and ":)" stays ":)".
            s = tokenStart;
            e = tokenEnd;
        }
        start[count] = s;
        end[count] = e;
        // One pass over an ASCII token: case, "n't", whether it is a plain word, its hash and packed form.
        boolean ascii = true;
        boolean nt = false;
        boolean lower = false;
        boolean cased = false;
        boolean plainWord = true;
        long hash = Vocabulary.FNV_OFFSET;
        boolean packable = e - s <= Vocabulary.MAX_PACKED;
        long packed = e - s;
        for (int k = s; k < e; k++) {
            char c = text[k];
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                cased = true;
                c += 32;
            } else {
                plainWord &= c == '\'' || c == '-';
                if (c == '\'' && k > s && k + 1 < e && (text[k - 1] | 0x20) == 'n' && (text[k + 1] | 0x20) == 't') {
                    nt = true;
                }
            }
            hash = (hash ^ c) * Vocabulary.FNV_PRIME;
            packed = (packed << 7) | c;
        }
        int id;
        if (ascii) {
            hash = Vocabulary.finish(hash);
            id = lexicon.vocabulary.find(text, s, e, true, (int) hash, packable ? packed : 0);
            upper[count] = cased && !lower;
        } else {
            String lowered = new String(text, s, e - s).toLowerCase(Locale.ROOT);
            id = lexicon.vocabulary.find(lowered);
            nt = lowered.contains("n't");
            upper[count] = isUpper(s, e);
        }
        ids[count] = id;
        hashes[count] = ascii ? hash : 0;
        hasNt[count] = nt;
        flags[count] = id >= 0 ? lexicon.wordFlags[id] : 0;
        count++;
        if (startsWordToken(tokenStart, wordStart, wordEnd)) {
            if (ascii && s == wordStart && e == wordEnd) {
                if (plainWord) {
                    countWord(wordStart, wordEnd, tokenStart, id, hash);
                }
            } else {
                languageWord(wordStart, wordEnd, tokenStart);
            }
        }
    }

    /** Hashtags, mentions, links and empty tokens are no words of any language. */
    private boolean startsWordToken(int rawStart, int s, int e) {
        char first = text[rawStart];
        return e > s && first != '#' && first != '@' && !startsLink(rawStart);
    }

    /** The language check's view of a token the scorer did not read as it is: a short one with punctuation, or one with non-ASCII letters. */
    private void languageWord(int s, int e, int rawStart) {
        for (int k = s; k < e; k++) {
            char c = text[k];
            boolean letter = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : Character.isLetter(c);
            if (!(letter || c == '\'' || c == '-' || c == '\u2019')) {
                return;
            }
        }
        int id = lookup(text, s, e);
        long hash = lastHash;
        if (id < 0) {
            id = lexicon.vocabulary.find(new String(text, s, e - s).toLowerCase(Locale.ROOT));
        }
        countWord(s, e, rawStart, id, hash);
    }

    /** Counts a word of letters: whether it is a Welsh function word, and English if the lookup knows so; the rest waits. */
    private void countWord(int s, int e, int rawStart, int id, long hash) {
        wordTokens++;
        int wordFlags = id >= 0 ? lexicon.wordFlags[id] : 0;
        if ((wordFlags & Lexicon.WELSH) != 0) {
            welshWord = true;
        }
        if ((wordFlags & Lexicon.ENGLISH_BY_ID) != 0) {
            englishWords++;
            return;
        }
        pendingStart[pending] = s;
        pendingEnd[pending] = e;
        pendingRawStart[pending] = rawStart;
        pendingId[pending] = id;
        pendingHash[pending] = hash;
        pending++;
    }

    /** The 64-bit hash of the slice last looked up, for the English word filter. */
    private long lastHash;

    /** The id of the slice read in lower case (ASCII letters folded), or -1. */
    private int lookup(char[] buffer, int s, int e) {
        lastHash = Vocabulary.hash64(buffer, s, e, true);
        return lexicon.vocabulary.find(buffer, s, e, true, (int) lastHash, Vocabulary.pack(buffer, s, e, true));
    }

    private boolean englishAt(char[] buffer, int s, int e) {
        int id = lookup(buffer, s, e);
        return lexicon.isEnglish(id, lastHash);
    }

    /**
     * Plurals, possessives and hyphenated compounds of English words ("dvds", "wall-to-wall") are English too,
     * and so are English words with a letter held for emphasis ("sooooo", "gooood", "omgggg").
     */
    private boolean englishForms(int s, int e) {
        int length = e - s;
        if (length > 3 && (text[e - 1] | 0x20) == 's') {
            int stem = text[e - 2] == '\'' ? e - 2 : e - 1;
            if (englishAt(text, s, stem)) {
                return true;
            }
        }
        if (englishHeld(s, e)) {
            return true;
        }
        int part = s;
        boolean hyphenated = false;
        for (int k = s; k <= e; k++) {
            if (k == e || text[k] == '-') {
                if (k == part || !englishAt(text, part, k)) {
                    return false;
                }
                hyphenated |= k < e;
                part = k + 1;
            }
        }
        return hyphenated;
    }

    /** Whether the word, each run of three or more of one letter cut to one or else to two, is English. */
    private boolean englishHeld(int s, int e) {
        for (int keep = 1; keep <= 2; keep++) {
            int length = cutRuns(s, e, keep);
            if (length < 0) {
                return false;
            }
            if (englishAt(held, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** A word's letters kept for {@link #englishHeld}. */
    private char[] held = new char[64];

    /** Copies the word into {@link #held} with each run of three or more of one letter cut to {@code keep}; -1 if it has no such run. */
    private int cutRuns(int s, int e, int keep) {
        if (held.length < e - s) {
            held = new char[e - s];
        }
        int length = 0;
        boolean cut = false;
        for (int k = s; k < e; ) {
            int run = 1;
            while (k + run < e && Character.toLowerCase(text[k + run]) == Character.toLowerCase(text[k])) {
                run++;
            }
            cut |= run >= 3;
            int copied = run >= 3 ? keep : run;
            System.arraycopy(text, k, held, length, copied);
            length += copied;
            k += run;
        }
        return cut ? length : -1;
    }

    private boolean startsLink(int k) {
        char first = (char) (text[k] | 0x20);
        if (first == 'h') {
            return regionIs(k, "http://") || regionIs(k, "https://");
        }
        return first == 'w' && regionIs(k, "www.");
    }

    private boolean regionIs(int k, String prefix) {
        if (k + prefix.length() > length) {
            return false;
        }
        for (int j = 0; j < prefix.length(); j++) {
            if ((text[k + j] | 0x20) != prefix.charAt(j) && text[k + j] != prefix.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private void growTokens() {
        int size = start.length * 2;
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        ids = Arrays.copyOf(ids, size);
        upper = Arrays.copyOf(upper, size);
        hasNt = Arrays.copyOf(hasNt, size);
        sentiments = Arrays.copyOf(sentiments, size);
        flags = Arrays.copyOf(flags, size);
        hashes = Arrays.copyOf(hashes, size);
        pendingStart = Arrays.copyOf(pendingStart, size);
        pendingEnd = Arrays.copyOf(pendingEnd, size);
        pendingRawStart = Arrays.copyOf(pendingRawStart, size);
        pendingId = Arrays.copyOf(pendingId, size);
        pendingHash = Arrays.copyOf(pendingHash, size);
    }

    /** Python's str.isupper(): at least one cased character, and none lower or title case. */
    private boolean isUpper(int s, int e) {
        boolean cased = false;
        for (int k = s; k < e; ) {
            int cp = Character.codePointAt(text, k);
            k += Character.charCount(cp);
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z') {
                    return false;
                }
                if (cp >= 'A' && cp <= 'Z') {
                    cased = true;
                }
            } else if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            } else if (Character.isUpperCase(cp)) {
                cased = true;
            }
        }
        return cased;
    }

    private static final byte SPACE = 1;
    private static final byte PUNCTUATION = 2;
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) {
                ASCII_CLASS[c] = SPACE;
            } else if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
                ASCII_CLASS[c] = PUNCTUATION;
            }
        }
    }

    /** Python's str.isspace() for one character. */
    static boolean isPythonSpace(char c) {
        if (c < 0x80) {
            return ASCII_CLASS[c] == SPACE;
        }
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /** Python's string.punctuation. */
    private static boolean isAsciiPunctuation(char c) {
        return c < 0x80 && ASCII_CLASS[c] == PUNCTUATION;
    }

    // ---- the rules ----------------------------------------------------------------------------------------

    /** Whether token i is a word of the VADER lexicon. */
    private boolean inLexicon(int i) {
        return (flags[i] & Lexicon.IN_LEXICON) != 0;
    }

    private boolean anyLexiconWord() {
        for (int i = 0; i < count; i++) {
            if (inLexicon(i)) {
                return true;
            }
        }
        return false;
    }

    /** The valence of token i, a word of the lexicon, after the rules. */
    private double valence(int i) {
        int id = ids[i];
        double value = lexicon.valence[id];
        if (id == lexicon.no && i != count - 1 && inLexicon(i + 1)) {
            // "no" before a lexicon word negates it rather than counting itself.
            value = 0.0;
        }
        if ((i > 0 && ids[i - 1] == lexicon.no)
                || (i > 1 && ids[i - 2] == lexicon.no)
                || (i > 2 && ids[i - 3] == lexicon.no && (ids[i - 1] == lexicon.or || ids[i - 1] == lexicon.nor))) {
            value = lexicon.valence[id] * N_SCALAR;
        }
        if (upper[i] && capDifferential) {
            value = value > 0 ? value + C_INCR : value - C_INCR;
        }
        for (int startI = 0; startI < 3; startI++) {
            int j = i - (startI + 1);
            if (i > startI && !inLexicon(j)) {
                double s = scalarIncDec(j, value);
                if (startI == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (startI == 2 && s != 0) {
                    s = s * 0.9;
                }
                value = value + s;
                value = negationCheck(value, startI, i);
                if (startI == 2) {
                    value = specialIdiomsCheck(value, i);
                }
            }
        }
        return leastCheck(value, i);
    }

    private double scalarIncDec(int j, double value) {
        int id = ids[j];
        if (id < 0 || !lexicon.isBooster[id]) {
            return 0.0;
        }
        double scalar = lexicon.booster[id];
        if (value < 0) {
            scalar *= -1;
        }
        if (upper[j] && capDifferential) {
            scalar = value > 0 ? scalar + C_INCR : scalar - C_INCR;
        }
        return scalar;
    }

    private boolean negated(int j) {
        int id = ids[j];
        return (id >= 0 && lexicon.negates[id]) || hasNt[j];
    }

    private boolean is(int j, int wordId) {
        return wordId >= 0 && ids[j] == wordId;
    }

    private double negationCheck(double value, int startI, int i) {
        if (startI == 0) {
            if (negated(i - 1)) {
                value = value * N_SCALAR;
            }
        } else if (startI == 1) {
            if (is(i - 2, lexicon.never) && (is(i - 1, lexicon.so) || is(i - 1, lexicon.thisWord))) {
                value = value * 1.25;
            } else if (is(i - 2, lexicon.without) && is(i - 1, lexicon.doubt)) {
                return value;
            } else if (negated(i - 2)) {
                value = value * N_SCALAR;
            }
        } else {
            if ((is(i - 3, lexicon.never) && (is(i - 2, lexicon.so) || is(i - 2, lexicon.thisWord)))
                    || (is(i - 1, lexicon.so) || is(i - 1, lexicon.thisWord))) {
                value = value * 1.25;
            } else if (is(i - 3, lexicon.without) && (is(i - 2, lexicon.doubt) || is(i - 1, lexicon.doubt))) {
                return value;
            } else if (negated(i - 3)) {
                value = value * N_SCALAR;
            }
        }
        return value;
    }

    /**
     * The reference joins the words around position i and looks the joins up: two- and three-word special
     * cases (the first of these that matches wins, then the two ahead), then booster n-grams.
     */
    private double specialIdiomsCheck(double value, int i) {
        if (!idiomNear(i)) {
            return value;
        }
        int a = ids[i - 3];
        int b = ids[i - 2];
        int c = ids[i - 1];
        int d = ids[i];
        int found;
        int none = Lexicon.NONE;
        if ((found = special(c, d, none)) >= 0 || (found = special(b, c, d)) >= 0 || (found = special(b, c, none)) >= 0
                || (found = special(a, b, c)) >= 0 || (found = special(a, b, none)) >= 0) {
            value = lexicon.specialValues[found];
        }
        if (count - 1 > i && (found = special(d, ids[i + 1], none)) >= 0) {
            value = lexicon.specialValues[found];
        }
        if (count - 1 > i + 1 && (found = special(d, ids[i + 1], ids[i + 2])) >= 0) {
            value = lexicon.specialValues[found];
        }
        value += boosterGram(a, b, c) + boosterGram(a, b, none) + boosterGram(b, c, none);
        return value;
    }

    /** Every idiom and booster n-gram is made of idiom words; without one in reach, none can match. */
    private boolean idiomNear(int i) {
        for (int k = Math.max(0, i - 3); k <= Math.min(count - 1, i + 2); k++) {
            int id = ids[k];
            if (id >= 0 && lexicon.inIdiom[id]) {
                return true;
            }
        }
        return false;
    }

    /** The index of the special case spelt by the words (third {@link Lexicon#NONE} for two words), or -1. */
    private int special(int first, int second, int third) {
        return find(lexicon.specialSequences, first, second, third);
    }

    private double boosterGram(int first, int second, int third) {
        int found = find(lexicon.boosterSequences, first, second, third);
        return found < 0 ? 0.0 : lexicon.boosterValues[found];
    }

    private static int find(int[][] sequences, int first, int second, int third) {
        if (first < 0 || second < 0 || third == -1) {
            return -1;
        }
        for (int k = 0; k < sequences.length; k++) {
            int[] sequence = sequences[k];
            if (sequence[0] == first && sequence[1] == second && sequence[2] == third) {
                return k;
            }
        }
        return -1;
    }

    private double leastCheck(double value, int i) {
        if (i > 1 && !inLexicon(i - 1) && is(i - 1, lexicon.least)) {
            if (!is(i - 2, lexicon.at) && !is(i - 2, lexicon.very)) {
                value = value * N_SCALAR;
            }
        } else if (i > 0 && !inLexicon(i - 1) && is(i - 1, lexicon.least)) {
            value = value * N_SCALAR;
        }
        return value;
    }

    /**
     * The reference's "but" rule, quirk included: it finds each sentiment by value with list.index(), so
     * equal values before and after "but" scale the first position holding that value.
     */
    private void butCheck() {
        int bi = -1;
        for (int k = 0; k < count; k++) {
            if (is(k, lexicon.but)) {
                bi = k;
                break;
            }
        }
        if (bi < 0) {
            return;
        }
        for (int k = 0; k < count; k++) {
            double sentiment = sentiments[k];
            int si = 0;
            while (sentiments[si] != sentiment) {
                si++;
            }
            if (si < bi) {
                sentiments[si] = sentiment * 0.5;
            } else if (si > bi) {
                sentiments[si] = sentiment * 1.5;
            }
        }
    }

    private VaderScores scoreValence() {
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
            sum += sentiments[k];
        }
        double amplifier = punctuationEmphasis();
        if (sum > 0) {
            sum += amplifier;
        } else if (sum < 0) {
            sum -= amplifier;
        }
        double compound = normalize(sum);
        double posSum = 0.0;
        double negSum = 0.0;
        int neutral = 0;
        for (int k = 0; k < count; k++) {
            double s = sentiments[k];
            if (s > 0) {
                posSum += s + 1;
            }
            if (s < 0) {
                negSum += s - 1;
            }
            if (s == 0) {
                neutral++;
            }
        }
        if (posSum > Math.abs(negSum)) {
            posSum += amplifier;
        } else if (posSum < Math.abs(negSum)) {
            negSum -= amplifier;
        }
        double total = posSum + Math.abs(negSum) + neutral;
        return new VaderScores(
                round(Math.abs(negSum / total), 3),
                round(Math.abs(neutral / total), 3),
                round(Math.abs(posSum / total), 3),
                round(compound, 4));
    }

    private double punctuationEmphasis() {
        double ep = Math.min(exclamations, 4) * 0.292;
        double qm = 0;
        if (questions > 1) {
            qm = questions <= 3 ? questions * 0.18 : 0.96;
        }
        return ep + qm;
    }

    static double normalize(double score) {
        double norm = score / Math.sqrt(score * score + 15);
        return Math.max(-1.0, Math.min(1.0, norm));
    }

    private static final double[] POWERS = {1, 10, 100, 1_000, 10_000};

    /**
     * Python's round(x, digits): the exact binary value of x rounded half to even, as the nearest double.
     * The scaled fraction decides unless it is exactly one half; then the exact error of the scaling
     * (from a fused multiply-add) tells which side of the tie x truly lies on.
     */
    static double round(double x, int digits) {
        double power = POWERS[digits];
        double scaled = x * power;
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        double rounded;
        if (fraction != 0.5) {
            rounded = fraction < 0.5 ? floor : floor + 1;
        } else {
            double error = Math.fma(x, power, -scaled);
            if (error > 0) {
                rounded = floor + 1;
            } else if (error < 0) {
                rounded = floor;
            } else {
                rounded = floor % 2 == 0 ? floor : floor + 1;
            }
        }
        return rounded / power;
    }
}
