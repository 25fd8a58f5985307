package org.chamberpulse.sentiment;

/**
 * The whole scoring path, thread-safe: the language check, then for English posts VADER, and with the tuned
 * model that model over VADER's tokens and scores; "unscored" for the rest. Each thread keeps its own
 * scorer buffers, so a post is scored without allocating beyond its result.
 */
public final class SentimentAnalyzer {

    private static final ThreadLocal<Scorer> SCORER = ThreadLocal.withInitial(Scorer::new);

    private final TunedModel model;

    private SentimentAnalyzer(TunedModel model) {
        this.model = model;
    }

    /** VADER 3.3.1 exactly. */
    public static SentimentAnalyzer vader() {
        return new SentimentAnalyzer(null);
    }

    /** The tuned model shipped with the module (read on first use). */
    public static SentimentAnalyzer tuned() {
        return new SentimentAnalyzer(TunedModel.shipped());
    }

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
        Scorer scorer = SCORER.get();
        Vader vader = scorer.vader;
        vader.prepare(text);
        long counts = vader.languageCounts(LanguageGate.ENGLISH_SHARE);
        String lang = LanguageGate.quickCheck(counts);
        if (lang == null) {
            lang = LanguageGate.detect(text, (int) (counts >>> 32));
        }
        if (!LanguageGate.ENGLISH.equals(lang)) {
            return new Analysis(null, null, lang);
        }
        VaderScores scores = vader.computeScores();
        if (model == null) {
            return new Analysis(scores, Polarity.ofCompound(scores.compound()), lang);
        }
        double[] p = scorer.probabilities;
        scorer.features.read(vader, scores);
        model.probabilities(scorer.features, p);
        VaderScores tuned = new VaderScores(Vader.round(p[0], 3), Vader.round(p[1], 3), Vader.round(p[2], 3), Vader.round(p[2] - p[0], 4));
        return new Analysis(tuned, Polarity.values()[Polarity.mostProbable(p)], lang);
    }

    /** One thread's buffers. */
    private static final class Scorer {
        final Vader vader = new Vader();
        final TweetFeatures features = new TweetFeatures();
        final double[] probabilities = new double[TunedModel.CLASSES];
    }
}
