package org.chamberpulse.topology;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;

/**
 * Writes a scored comment in {@link Binary}'s format, field by field, the same bytes as Jackson's databinding
 * writes (its field order, nulls written, {@code editedAt} only when set, {@code withdrawn} only when true,
 * a sentiment's {@code model} only when known), without its per-property dispatch: the comment of every desk
 * message and stored comment. {@code BinaryTest} holds the two to the same bytes.
 */
final class ScoredCommentWriter extends JsonSerializer<ScoredComment> {

    @Override
    public void serialize(ScoredComment scored, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject(scored);
        Comment comment = scored.comment();
        if (comment == null) {
            out.writeNullField("comment");
        } else {
            out.writeFieldName("comment");
            comment(comment, out);
        }
        out.writeStringField("meetingId", scored.meetingId());
        out.writeStringField("itemId", scored.itemId());
        out.writeFieldName("sentiment");
        sentiment(scored.sentiment(), out);
        out.writeFieldName("flags");
        texts(scored.flags(), out);
        out.writeEndObject();
    }

    private static void comment(Comment comment, JsonGenerator out) throws IOException {
        out.writeStartObject(comment);
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
        out.writeEndObject();
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
            out.writeStringField("label", sentiment.label().name().toLowerCase(Locale.ROOT));
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

    /** As Binary's instants: [seconds, nanoseconds], or null. */
    private static void instant(String field, Instant at, JsonGenerator out) throws IOException {
        out.writeFieldName(field);
        if (at == null) {
            out.writeNull();
        } else {
            Binary.writeInstant(at, out);
        }
    }
}
