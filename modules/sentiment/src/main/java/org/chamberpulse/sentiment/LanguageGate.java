package org.chamberpulse.sentiment;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decides whether a post is English, so that only English posts get a VADER score. A cheap check on the
 * scorer's own tokens settles plain English; only posts that fail it reach the n-gram detector, which
 * knows English, Welsh and the common community languages of UK cities.
 */
final class LanguageGate {

    static final String ENGLISH = "en";
    /** Posts shorter than this many words are scored as English: too short to tell. */
    static final int MIN_WORDS = 3;
    static final double ENGLISH_SHARE = 0.7;
    /** The detector must be this sure before a post is taken out of scoring. */
    static final double MIN_CONFIDENCE = 0.9;

    /** English, Welsh, Irish, and the most spoken languages of England and Wales after English (2021 census). */
    static final List<String> LANGUAGES = List.of("en", "cy", "ga", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu",
            "it", "lt", "fr", "zh-CN", "ta", "tr", "so", "hi", "de");

    private static final class Detector {
        static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingShortCleanText();
        private static final LanguageDetector INSTANCE;
        /**
         * Why the detector could not be built (its profiles missing from a broken installation), kept so
         * that every caller that needs it is told why, not only the thread that happened to load it.
         */
        private static final RuntimeException FAILURE;

        static {
            LanguageDetector built = null;
            RuntimeException failure = null;
            try {
                built = build();
            } catch (RuntimeException e) {
                failure = e;
            }
            INSTANCE = built;
            FAILURE = failure;
        }

        static LanguageDetector get() {
            if (FAILURE != null) {
                throw new IllegalStateException("the language detector cannot start: " + FAILURE.getMessage(), FAILURE);
            }
            return INSTANCE;
        }

        private static LanguageDetector build() {
            return LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(LANGUAGES.stream().<LanguageProfile>map(LanguageGate::profile).toList())
                    .seed(com.google.common.base.Optional.of(20_261_127L))
                    .build();
        }
    }

    private LanguageGate() {
    }

    /**
     * The detector's built-in profile of a language, read as its own reader reads one (the "freq" object up
     * to its first "}", entries cut at "," and ":", quotes dropped; "name" for the locale) but without the
     * regular expressions and map copies that made reading the profiles most of the detector's start-up.
     */
    static NgramProfile profile(String language) {
        byte[] utf8 = Resources.bytes("/languages/" + language);
        // The structure is ASCII: it is read through a Latin-1 view, whose indices are the bytes' own, and
        // only the grams are decoded from UTF-8.
        String json = new String(utf8, StandardCharsets.ISO_8859_1);
        int nameStart = json.indexOf("\"name\":\"") + 8;
        LdLocale locale = LdLocale.fromString(json.substring(nameStart, json.indexOf('"', nameStart)));
        int freq = json.indexOf('{', json.indexOf("\"freq\"")) + 1;
        int end = json.indexOf('}', freq);
        int entries = 1;
        for (int comma = json.indexOf(',', freq); comma >= 0 && comma < end; comma = json.indexOf(',', comma + 1)) {
            entries++;
        }
        String[] grams = new String[entries];
        int[] counts = new int[entries];
        for (int k = 0, entry = freq; k < entries; k++) {
            entry = readGram(utf8, json, entry, end, grams, counts, k);
        }
        return new NgramProfile(locale, grams, counts);
    }

    /**
     * Reads the entry at {@code entry} into place k and returns where the next begins. A method of its own,
     * so that the JIT compiles it after a few hundred of the 70,000 entries, where a loop's body would long
     * stay interpreted.
     */
    private static int readGram(byte[] utf8, String json, int entry, int end, String[] grams, int[] counts, int k) {
        int comma = json.indexOf(',', entry);
        int entryEnd = comma < 0 || comma > end ? end : comma;
        int colon = json.indexOf(':', entry);
        // "gram":count, the usual entry, needs neither the reader's trim nor its removal of every quote.
        boolean plain = colon - entry >= 2 && utf8[entry] == '"' && json.indexOf('"', entry + 1) == colon - 1;
        grams[k] = plain ? new String(utf8, entry + 1, colon - entry - 2, StandardCharsets.UTF_8)
                : new String(utf8, entry, colon - entry, StandardCharsets.UTF_8).trim().replace("\"", "");
        counts[k] = Integer.parseInt(json, colon + 1, entryEnd, 10);
        return entryEnd + 1;
    }

    /** Loads the detector now rather than on first use; a failure is reported to the callers that need it. */
    static void load() {
        // Reading a field initialises the holder class, which builds the detector and never throws.
        Detector.TEXT.hashCode();
    }

    /**
     * @param counts from {@link Vader#languageCounts(double)} with {@link #ENGLISH_SHARE}, after {@link Vader#prepare}
     * @return "en" when the cheap check settles it; otherwise null, and {@link #detect} must decide
     */
    static String quickCheck(long counts) {
        int words = (int) (counts >>> 32);
        int english = (int) ((counts & 0xffff_ffffL) >>> 1);
        boolean welsh = (counts & 1) != 0;
        if (words < MIN_WORDS && !welsh) {
            return ENGLISH;
        }
        if (!welsh && english >= ENGLISH_SHARE * words) {
            return ENGLISH;
        }
        return null;
    }

    /** The detector's most probable language of the text; "en" when it has no confident answer. */
    static String detect(CharSequence text, int words) {
        if (words < MIN_WORDS) {
            return ENGLISH;
        }
        List<DetectedLanguage> probabilities = Detector.get().getProbabilities(Detector.TEXT.forText(withoutHandlesAndLinks(text)));
        if (probabilities.isEmpty() || probabilities.get(0).getProbability() < MIN_CONFIDENCE) {
            return ENGLISH;
        }
        return probabilities.get(0).getLocale().getLanguage();
    }

    /** Hashtags, mentions and links say nothing of the language a post is written in. */
    static String withoutHandlesAndLinks(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int k = 0;
        int n = text.length();
        while (k < n) {
            while (k < n && Vader.isPythonSpace(text.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < n && !Vader.isPythonSpace(text.charAt(k))) {
                k++;
            }
            if (start == k) {
                break;
            }
            char first = text.charAt(start);
            String token = text.subSequence(start, k).toString();
            if (first != '#' && first != '@' && !token.startsWith("http://") && !token.startsWith("https://") && !token.startsWith("www.")) {
                out.append(token).append(' ');
            }
        }
        return out.toString();
    }
}
