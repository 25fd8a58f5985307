package org.chamberpulse.topology;

import java.util.function.Function;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Analysis;
import org.chamberpulse.sentiment.SentimentAnalyzer;
import org.chamberpulse.sentiment.VaderScores;

/** The sentiment of a comment as the model carries it: the configured model's scores, or unscored when not in English. */
final class CommentScorer implements Function<Comment, Sentiment> {

    private final SentimentAnalyzer analyzer;
    private final Sentiment.Model model;

    CommentScorer(Sentiment.Model model) {
        this.model = model;
        this.analyzer = model == Sentiment.Model.TUNED ? SentimentAnalyzer.tuned() : SentimentAnalyzer.vader();
    }

    @Override
    public Sentiment apply(Comment comment) {
        Analysis analysis = analyzer.analyse(comment.text());
        if (!analysis.scored()) {
            return Sentiment.unscored(analysis.lang());
        }
        VaderScores s = analysis.scores();
        return new Sentiment(s.compound(), s.neg(), s.neu(), s.pos(), Sentiment.Label.valueOf(analysis.polarity().name()), analysis.lang(), model);
    }
}
