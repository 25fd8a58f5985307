package org.chamberpulse.topology;

import java.util.function.Function;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Analysis;
import org.chamberpulse.sentiment.SentimentAnalyzer;
import org.chamberpulse.sentiment.VaderScores;

/** The sentiment of a comment as the model carries it: VADER's scores, or unscored when not in English. */
final class CommentScorer implements Function<Comment, Sentiment> {

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    @Override
    public Sentiment apply(Comment comment) {
        Analysis analysis = analyzer.analyse(comment.text());
        if (!analysis.scored()) {
            return Sentiment.unscored(analysis.lang());
        }
        VaderScores s = analysis.scores();
        return new Sentiment(s.compound(), s.neg(), s.neu(), s.pos(), Sentiment.labelFor(s.compound()), analysis.lang());
    }
}
