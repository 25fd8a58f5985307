package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Record;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.chamberpulse.sentiment.Moderation;

/**
 * Reads raw comments: parses and validates each (bad ones become dead letters with the reason), scores
 * and moderates it (flags, personal data redacted), and sends it to the desk of every hashtag it carries, at its own event time ({@code createdAt}).
 * A comment with no hashtag goes to the desk of the empty hashtag, where it is counted as unmatched.
 */
final class CommentIntake extends Intake<DeskMessage> {

    static final String NO_HASHTAG = "";

    private final Function<Comment, Sentiment> scorer;
    private final Pseudonyms pseudonyms;

    CommentIntake(Function<Comment, Sentiment> scorer, Pseudonyms pseudonyms) {
        this.scorer = scorer;
        this.pseudonyms = pseudonyms;
    }

    @Override
    void read(Record<String, byte[]> record) {
        Comment comment = Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize(Topics.COMMENTS_RAW.name(), record.value());
        if (comment == null) {
            deadLetter(record, "empty value: a comment cannot be a tombstone");
            return;
        }
        // A comment without receivedAt is judged against the time its record was written, not the wall
        // clock, so that reprocessing the topic gives the same result.
        Optional<String> problem = Validation.commentProblem(comment, Instant.ofEpochMilli(record.timestamp()));
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
            return;
        }
        // Whatever wrote the topic (a third party's producer may write raw handles), no output carries an author as it arrived.
        Comment normalised = comment.withHashtags(hashtagsOf(comment)).withAuthor(pseudonymous(comment));
        // Scored and checked on the words as written; stored and shown without e-mail addresses or phone numbers.
        Sentiment sentiment = scorer.apply(normalised);
        Moderation.Review review = Moderation.review(normalised.text());
        ScoredComment scored = new ScoredComment(normalised.withText(review.redacted()), null, null, sentiment, review.flags());
        long eventTime = normalised.createdAt().toEpochMilli();
        // One message for all its hashtags: the desk topic's serde writes it once (Binary.writingRepeatsOnce).
        DeskMessage arrived = new DeskMessage.CommentArrived(scored);
        for (String hashtag : routingHashtags(normalised.hashtags())) {
            forward(hashtag, arrived, eventTime);
        }
    }

    private String pseudonymous(Comment comment) {
        String author = comment.author();
        return author == null || author.isBlank() || Pseudonyms.isPseudonym(author) ? author : pseudonyms.of(comment.source(), author);
    }

    /** The hashtags of the field and of the text, normalised: clients differ in which they fill. */
    static List<String> hashtagsOf(Comment comment) {
        TreeSet<String> tags = new TreeSet<>();
        comment.hashtags().forEach(tag -> tags.add(Text.normaliseHashtag(tag)));
        tags.addAll(Text.hashtagsIn(comment.text()));
        return new ArrayList<>(tags);
    }

    /** Item tags name an item, not a meeting, so they route nowhere. */
    static List<String> routingHashtags(List<String> hashtags) {
        List<String> routing = new ArrayList<>(hashtags.size());
        for (String tag : hashtags) {
            if (!Text.isItemTag(tag)) {
                routing.add(tag);
            }
        }
        return routing.isEmpty() ? List.of(NO_HASHTAG) : routing;
    }
}
