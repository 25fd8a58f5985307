package org.chamberpulse.sentiment;

/**
 * The whole scoring path, thread-safe: VADER for English posts, "unscored" for the rest. Each thread
 * keeps its own scorer buffers.
 */
public final class SentimentAnalyzer {

    private static final ThreadLocal<Vader> VADER = ThreadLocal.withInitial(Vader::new);

    /**
     * Loads the language detector's profiles (about a tenth of a second) on a thread of its own, so that a
     * caller who is about to score many posts does not wait for them on the first non-English one.
     */
    public static void warmUpInBackground() {
        Thread loader = new Thread(LanguageGate::load, "language-profiles");
        loader.setDaemon(true);
        loader.start();
    }

    public Analysis analyse(CharSequence text) {
        Vader vader = VADER.get();
        vader.prepare(text);
        long counts = vader.languageCounts(LanguageGate.ENGLISH_SHARE);
        String lang = LanguageGate.quickCheck(counts);
        if (lang == null) {
            lang = LanguageGate.detect(text, (int) (counts >>> 32));
        }
        if (!LanguageGate.ENGLISH.equals(lang)) {
            return new Analysis(null, lang);
        }
        return new Analysis(vader.computeScores(), lang);
    }
}
