package org.chamberpulse.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a scored comment field by field, the same bytes as Jackson's databinding writes (its field order, nulls
 * written, {@code editedAt} only when set, {@code withdrawn} only when true, a sentiment's {@code model} only when
 * known), without its per-property dispatch: every comment of {@code pulse.comments.scored} (the public JSON,
 * the comment's fields flat) and of the topology's own format (the comment a field of its own, instants as the
 * format writes them). Tests hold each to the same bytes as the databinding.
 */
public final class ScoredCommentWriter extends JsonSerializer<ScoredComment> {

    /** How a format writes an instant that is not null. */
    @FunctionalInterface
    public interface InstantFormat {
        void write(Instant at, JsonGenerator out) throws IOException;
    }

    /** The labels as the wire writes them ("positive", ...), by ordinal. */
    private static final String[] LABELS = Arrays.stream(Sentiment.Label.values())
            .map(label -> label.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private final boolean flat;
    private final InstantFormat instants;

    private ScoredCommentWriter(boolean flat, InstantFormat instants) {
        this.flat = flat;
        this.instants = instants;
    }

    /** The comment's fields first, at the scored comment's level, as {@link ScoredComment} declares them unwrapped. */
    public static ScoredCommentWriter flat(InstantFormat instants) {
        return new ScoredCommentWriter(true, instants);
    }

    /** The comment as a field of its own, {@code "comment"}. */
    public static ScoredCommentWriter nested(InstantFormat instants) {
        return new ScoredCommentWriter(false, instants);
    }

    @Override
    public void serialize(ScoredComment scored, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject(scored);
        Comment comment = scored.comment();
        if (flat) {
            if (comment != null) {
                commentFields(comment, out);
            }
        } else if (comment == null) {
            out.writeNullField("comment");
        } else {
            out.writeFieldName("comment");
            out.writeStartObject(comment);
            commentFields(comment, out);
            out.writeEndObject();
        }
        out.writeStringField("meetingId", scored.meetingId());
        out.writeStringField("itemId", scored.itemId());
        out.writeFieldName("sentiment");
        sentiment(scored.sentiment(), out);
        out.writeFieldName("flags");
        texts(scored.flags(), out);
        out.writeEndObject();
    }

    private void commentFields(Comment comment, JsonGenerator out) throws IOException {
        out.writeStringField("id", comment.id());
        out.writeStringField("source", comment.source());
        out.writeStringField("author", comment.author());
        out.writeStringField("text", comment.text());
        out.writeFieldName("hashtags");
        texts(comment.hashtags(), out);
        instant("createdAt", comment.createdAt(), out);
        instant("receivedAt", comment.receivedAt(), out);
        out.writeStringField("lang", comment.lang());
        out.writeStringField("repostOf", comment.repostOf());
        if (comment.editedAt() != null) {
            instant("editedAt", comment.editedAt(), out);
        }
        if (comment.withdrawn()) {
            out.writeBooleanField("withdrawn", true);
        }
    }

    private static void sentiment(Sentiment sentiment, JsonGenerator out) throws IOException {
        out.writeStartObject(sentiment);
        if (sentiment.compound() == null) {
            out.writeNullField("compound");
        } else {
            out.writeNumberField("compound", sentiment.compound());
        }
        out.writeNumberField("neg", sentiment.neg());
        out.writeNumberField("neu", sentiment.neu());
        out.writeNumberField("pos", sentiment.pos());
        if (sentiment.label() == null) {
            out.writeNullField("label");
        } else {
            out.writeStringField("label", LABELS[sentiment.label().ordinal()]);
        }
        out.writeStringField("lang", sentiment.lang());
        if (sentiment.model() != null) {
            out.writeStringField("model", sentiment.model().wireName());
        }
        out.writeEndObject();
    }

    private static void texts(List<String> texts, JsonGenerator out) throws IOException {
        out.writeStartArray(texts, texts.size());
        for (String text : texts) {
            out.writeString(text);
        }
        out.writeEndArray();
    }

    private void instant(String field, Instant at, JsonGenerator out) throws IOException {
        out.writeFieldName(field);
        if (at == null) {
            out.writeNull();
        } else {
            instants.write(at, out);
        }
    }
}
