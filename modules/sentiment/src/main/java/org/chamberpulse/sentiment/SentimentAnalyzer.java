package org.chamberpulse.sentiment;

/**
 * The whole scoring path, thread-safe: VADER for English posts, "unscored" for the rest. Each thread
 * keeps its own scorer buffers.
 */
public final class SentimentAnalyzer {

    private static final ThreadLocal<Vader> VADER = ThreadLocal.withInitial(Vader::new);

    public Analysis analyse(CharSequence text) {
        Vader vader = VADER.get();
        vader.prepare(text);
        long counts = vader.languageCounts();
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
