package org.chamberpulse.sentiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything the scorer looks words up in: one vocabulary of the VADER 3.3.1 word lexicon and its
 * constants (boosters, negations, special cases) and the Welsh function words; a filter of the English
 * word list of the language check; and the emoji lexicon by code point. Both word structures are small
 * enough to stay in a core's cache and are probed with the same hash of a token.
 */
final class Lexicon {

    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;

    private static final List<String> NEGATE = List.of("aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final List<String> BOOST_UP = List.of("absolutely", "amazingly", "awfully", "completely", "considerable",
            "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking",
            "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly",
            "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
            "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very");

    private static final List<String> BOOST_DOWN = List.of("almost", "barely", "hardly", "just enough", "kind of", "kinda",
            "kindof", "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
            "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of");

    private static final Map<String, Double> SPECIAL_CASES = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5,
            "badass", 1.5, "bus stop", 0.0, "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    /**
     * The most frequent English words, kept in the vocabulary itself: about half the words of an English
     * post are among them, and then the one lookup the scorer makes anyway settles their language.
     */
    private static final List<String> COMMON_ENGLISH = List.of("the", "of", "and", "to", "a", "in", "is", "it", "you",
            "that", "he", "was", "for", "on", "are", "with", "as", "i", "his", "they", "be", "at", "one", "have", "this",
            "from", "or", "had", "by", "but", "some", "what", "there", "we", "can", "out", "other", "were", "all", "your",
            "when", "up", "use", "word", "how", "said", "an", "each", "she", "which", "do", "their", "time", "if", "will",
            "way", "about", "many", "then", "them", "would", "write", "like", "so", "these", "her", "long", "make", "thing",
            "see", "him", "two", "has", "look", "more", "day", "could", "go", "come", "did", "my", "sound", "no", "most",
            "number", "who", "over", "know", "water", "than", "call", "first", "people", "may", "down", "side", "been",
            "now", "find", "any", "new", "work", "part", "take", "get", "place", "made", "live", "where", "after", "back",
            "little", "only", "round", "man", "year", "came", "show", "every", "good", "me", "give", "our", "under", "name",
            "very", "through", "just", "form", "much", "great", "think", "say", "help", "low", "line", "before", "turn",
            "cause", "same", "mean", "differ", "move", "right", "boy", "old", "too", "does", "tell", "sentence", "set",
            "three", "want", "air", "well", "also", "play", "small", "end", "put", "home", "read", "hand", "port", "large",
            "spell", "add", "even", "land", "here", "must", "big", "high", "such", "follow", "act", "why", "ask", "men",
            "change", "went", "light", "kind", "off", "need", "house", "picture", "try", "us", "again", "animal", "point",
            "mother", "world", "near", "build", "self", "earth", "father", "it's", "i'm", "don't", "not", "should", "into",
            "its", "while", "those", "being", "because", "around", "never", "still", "between", "both", "another", "last",
            "really", "film", "movie", "story", "life", "best", "better", "bad", "council", "meeting", "vote", "plan",
            "money", "city", "report", "public", "local", "budget", "question", "answer", "they're", "can't", "doesn't",
            "isn't", "was", "am", "been", "got", "let", "lot", "makes", "made", "without", "against", "though", "own");

    /**
     * English of social posts and of UK civic life that the word lists lack ("omg", "tbh", "cllr", "nhs"):
     * without them a short English post of such words fell short of the English share and went to the
     * detector, which took "lmaooo ikr smh" for Somali. Words other languages use ("ya") are left out.
     */
    private static final List<String> SOCIAL_ENGLISH = List.of("omg", "omfg", "ikr", "idc", "tbh", "tbf", "ngl", "irl",
            "brb", "yall", "ppl", "dm", "dms", "rt", "innit", "bruh", "fml", "hmm", "lmk", "hmu", "tmrw", "tmr", "cuz", "coz",
            "b4", "cba", "pov", "iirc", "wdym", "icymi", "mins", "cllr", "cllrs", "mps", "nhs", "dems", "ukip", "snp");

    /**
     * Words only Welsh uses often (those English also uses, such as "dim", "pam" or "eu", left out); one
     * of them sends a post to the language detector.
     */
    private static final List<String> WELSH_FUNCTION_WORDS = List.of("yn", "yr", "mae", "wedi", "ddim", "i'r", "a'r",
            "o'r", "ei", "ein", "eich", "dy", "fod", "nhw", "gyda", "efo", "hefyd", "ond", "neu", "sydd", "oedd", "roedd",
            "dydy", "dydw", "ydy", "ydw", "yw", "ble", "pryd", "beth", "pwy", "sut", "diolch", "iawn", "yng", "ym", "mewn",
            "wrth", "drwy", "rhwng", "yma", "yna", "hwn", "hyn", "nid", "nac", "cyngor", "cymru", "rydw", "rydyn", "maen",
            "fawr", "gwaith", "pobl");

    static final Lexicon DEFAULT = load();

    final Vocabulary vocabulary = new Vocabulary();
    double[] valence;
    double[] booster;
    boolean[] isBooster;
    boolean[] negates;
    final WordFilter english;
    /**
     * Per word, what its id alone tells ({@link #ENGLISH_BY_ID}, {@link #WELSH}, {@link #IN_LEXICON}): one
     * byte a word, so that the token pass reads one small array that stays in the core's first cache.
     */
    byte[] wordFlags;
    /**
     * Common English, in the VADER lexicon, a booster, a negation or social English ("kinda", "doesnt",
     * "tbh": English that no dictionary lists): English without a look at the word list.
     */
    static final byte ENGLISH_BY_ID = 1;
    /** A Welsh function word. */
    static final byte WELSH = 2;
    /** In the VADER lexicon: a text without one such word is neutral whatever else it holds. */
    static final byte IN_LEXICON = 4;
    /** Words of multi-word special cases and booster n-grams: only near one of them can an idiom match. */
    boolean[] inIdiom;

    final int no;
    final int kind;
    final int of;
    final int least;
    final int at;
    final int very;
    final int but;
    final int never;
    final int so;
    final int thisWord;
    final int without;
    final int doubt;
    final int or;
    final int nor;

    /** Pads a two-word sequence; unlike -1 (a token not in the vocabulary) it matches no token. */
    static final int NONE = Integer.MIN_VALUE;

    /** Multi-word special cases and booster n-grams, as id sequences ({@link #NONE} pads a two-word one). */
    final int[][] specialSequences;
    final double[] specialValues;
    final int[][] boosterSequences;
    final double[] boosterValues;

    private int[] emojiKeys = new int[1 << 12];
    private char[][] emojiDescriptions = new char[1 << 12][];

    /*
     * Loading is on the path of every short `score` run, so it runs as little cold code as it can: each
     * line is read by a method of its own, which the JIT compiles after a few hundred lines (a loop body in
     * this constructor would stay interpreted); only the fields used are decoded, not the whole files;
     * and no streams or lambdas, whose first use costs milliseconds.
     */
    private Lexicon(byte[] lexiconFile, byte[] emojiFile, WordFilter englishWords) {
        valence = new double[0];
        grow(8_192);
        for (int start = 0, end; start < lexiconFile.length; start = end + 1) {
            end = indexOf(lexiconFile, (byte) '\n', start, lexiconFile.length);
            addWord(lexiconFile, start, end);
        }
        for (String word : BOOST_UP) {
            boost(word, B_INCR);
        }
        for (String word : BOOST_DOWN) {
            boost(word, B_DECR);
        }
        for (String word : NEGATE) {
            int id = id(word);
            negates[id] = true;
            wordFlags[id] |= ENGLISH_BY_ID;
        }
        english = englishWords;
        for (String word : COMMON_ENGLISH) {
            wordFlags[id(word)] |= ENGLISH_BY_ID;
        }
        for (String word : SOCIAL_ENGLISH) {
            wordFlags[id(word)] |= ENGLISH_BY_ID;
        }
        for (String word : WELSH_FUNCTION_WORDS) {
            wordFlags[id(word)] |= WELSH;
        }
        no = id("no");
        kind = id("kind");
        of = id("of");
        least = id("least");
        at = id("at");
        very = id("very");
        but = id("but");
        never = id("never");
        so = id("so");
        thisWord = id("this");
        without = id("without");
        doubt = id("doubt");
        or = id("or");
        nor = id("nor");

        List<String> specialCases = multiWord(SPECIAL_CASES.keySet());
        specialSequences = sequences(specialCases);
        specialValues = new double[specialCases.size()];
        for (int k = 0; k < specialCases.size(); k++) {
            specialValues[k] = SPECIAL_CASES.get(specialCases.get(k));
        }
        List<String> boosterGrams = multiWord(BOOST_UP);
        boosterGrams.addAll(multiWord(BOOST_DOWN));
        boosterSequences = sequences(boosterGrams);
        boosterValues = new double[boosterGrams.size()];
        for (int k = 0; k < boosterGrams.size(); k++) {
            boosterValues[k] = BOOST_DOWN.contains(boosterGrams.get(k)) ? B_DECR : B_INCR;
        }
        inIdiom = new boolean[valence.length];
        for (int[][] sequences : new int[][][] {specialSequences, boosterSequences}) {
            for (int[] sequence : sequences) {
                for (int id : sequence) {
                    if (id >= 0) {
                        inIdiom[id] = true;
                    }
                }
            }
        }
        for (int id = 0; id < valence.length; id++) {
            if (!Double.isNaN(valence[id])) {
                wordFlags[id] |= ENGLISH_BY_ID | IN_LEXICON;
            }
        }

        for (int start = 0, end; start < emojiFile.length; start = end + 1) {
            end = indexOf(emojiFile, (byte) '\n', start, emojiFile.length);
            addEmoji(emojiFile, start, end);
        }
    }

    /** A line of vader_lexicon.txt: the word, a tab, its mean valence, then figures VADER does not use. */
    private void addWord(byte[] file, int start, int end) {
        end = trimmedEnd(file, start, end);
        int tab = indexOf(file, (byte) '\t', start, end);
        if (tab < end) {
            valence[id(new String(file, start, tab - start, StandardCharsets.UTF_8))] = decimal(file, tab + 1, indexOf(file, (byte) '\t', tab + 1, end));
        }
    }

    /** A line of emoji_utf8_lexicon.txt: the emoji, a tab, its description. */
    private void addEmoji(byte[] file, int start, int end) {
        end = trimmedEnd(file, start, end);
        int tab = indexOf(file, (byte) '\t', start, end);
        if (tab < end) {
            String emoji = new String(file, start, tab - start, StandardCharsets.UTF_8);
            int descriptionEnd = indexOf(file, (byte) '\t', tab + 1, end);
            if (emoji.codePointCount(0, emoji.length()) == 1) {
                putEmoji(emoji.codePointAt(0), new String(file, tab + 1, descriptionEnd - tab - 1, StandardCharsets.UTF_8).toCharArray());
            }
        }
    }

    /** The first index of the byte in [from, to), or to. */
    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int k = from; k < to; k++) {
            if (bytes[k] == wanted) {
                return k;
            }
        }
        return to;
    }

    /** The end of the line without the white space (a "\r" included) that ends it. */
    private static int trimmedEnd(byte[] bytes, int start, int end) {
        while (end > start && bytes[end - 1] >= 0 && bytes[end - 1] <= ' ') {
            end--;
        }
        return end;
    }

    /**
     * The number written in [from, to), as {@link Double#parseDouble} reads it. The lexicon's valences
     * ("-1.5") are read directly: up to 15 digits over a power of ten are two exact doubles (Math.pow is
     * exact where the result is representable), and their quotient is correctly rounded, as parseDouble's
     * is; anything else goes to parseDouble.
     */
    static double decimal(byte[] bytes, int from, int to) {
        int k = from;
        boolean negative = k < to && bytes[k] == '-';
        if (negative) {
            k++;
        }
        long digits = 0;
        int fractionDigits = -1;
        int digitCount = 0;
        for (; k < to; k++) {
            byte b = bytes[k];
            if (b == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else if (b >= '0' && b <= '9' && digitCount < 15) {
                digits = digits * 10 + (b - '0');
                digitCount++;
                fractionDigits += fractionDigits >= 0 ? 1 : 0;
            } else {
                break;
            }
        }
        if (k < to || digitCount == 0) {
            return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
        }
        double value = digits / Math.pow(10, Math.max(fractionDigits, 0));
        return negative ? -value : value;
    }

    private void boost(String word, double value) {
        int id = id(word);
        booster[id] = value;
        isBooster[id] = true;
        wordFlags[id] |= ENGLISH_BY_ID;
    }

    private static List<String> multiWord(Collection<String> phrases) {
        List<String> multiWord = new ArrayList<>();
        for (String phrase : phrases) {
            if (phrase.contains(" ")) {
                multiWord.add(phrase);
            }
        }
        return multiWord;
    }

    private int[][] sequences(List<String> phrases) {
        int[][] sequences = new int[phrases.size()][];
        for (int k = 0; k < phrases.size(); k++) {
            sequences[k] = sequence(phrases.get(k));
        }
        return sequences;
    }

    private int[] sequence(String words) {
        String[] parts = words.split(" ");
        int[] ids = new int[] {NONE, NONE, NONE};
        for (int k = 0; k < parts.length; k++) {
            ids[k] = id(parts[k]);
        }
        return ids;
    }

    private int id(String word) {
        int id = vocabulary.add(word);
        if (id >= valence.length) {
            grow(valence.length * 2);
        }
        return id;
    }

    private void grow(int capacity) {
        int old = valence.length;
        valence = Arrays.copyOf(valence, capacity);
        Arrays.fill(valence, old, capacity, Double.NaN);
        booster = Arrays.copyOf(booster == null ? new double[0] : booster, capacity);
        isBooster = Arrays.copyOf(isBooster == null ? new boolean[0] : isBooster, capacity);
        negates = Arrays.copyOf(negates == null ? new boolean[0] : negates, capacity);
        wordFlags = Arrays.copyOf(wordFlags == null ? new byte[0] : wordFlags, capacity);
    }

    /** Whether a word (its vocabulary id and 64-bit hash) is English: common, in the VADER lexicon, or in the word list. */
    boolean isEnglish(int id, long hash) {
        return (id >= 0 && (wordFlags[id] & ENGLISH_BY_ID) != 0) || english.mightContain(hash);
    }

    /** The description of a one-code-point emoji, or null. VADER looks emoji up one code point at a time. */
    char[] emoji(int codePoint) {
        int mask = emojiKeys.length - 1;
        int slot = mix(codePoint) & mask;
        while (emojiDescriptions[slot] != null) {
            if (emojiKeys[slot] == codePoint) {
                return emojiDescriptions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private void putEmoji(int codePoint, char[] description) {
        int mask = emojiKeys.length - 1;
        int slot = mix(codePoint) & mask;
        while (emojiDescriptions[slot] != null && emojiKeys[slot] != codePoint) {
            slot = (slot + 1) & mask;
        }
        emojiKeys[slot] = codePoint;
        emojiDescriptions[slot] = description;
    }

    private static int mix(int codePoint) {
        int h = codePoint * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private static Lexicon load() {
        return new Lexicon(Resources.bytes("vader_lexicon.txt"), Resources.bytes("emoji_utf8_lexicon.txt"), WordFilter.fromBytes(Resources.bytes(ENGLISH_FILTER)));
    }

    /** The filter of english-words.txt, made ahead ({@link WordFilter#fromBytes}). */
    static final String ENGLISH_FILTER = "english-words.filter";
    static final String ENGLISH_WORDS = "english-words.txt";
}
