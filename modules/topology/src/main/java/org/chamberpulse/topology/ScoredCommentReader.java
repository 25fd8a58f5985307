package org.chamberpulse.topology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;

/**
 * Reads a scored comment in {@link Binary}'s format, field by field, where Jackson's reading of records
 * gathers every property in a buffer before it calls the constructor: the comment of every desk message and
 * stored comment (docs/BENCHMARKS.md, throughput, tenth session). It reads what Jackson writes, in any field
 * order: an unknown field is passed over, a missing one is null (false, 0), as Jackson's own reading does;
 * {@code BinaryTest} holds the two to the same result.
 */
final class ScoredCommentReader extends JsonDeserializer<ScoredComment> {

    @Override
    public ScoredComment deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Comment comment = null;
        String meetingId = null;
        String itemId = null;
        Sentiment sentiment = null;
        List<String> flags = null;
        for (String field = firstField(parser, context); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "comment" -> comment = value == JsonToken.VALUE_NULL ? null : comment(parser, context);
                case "meetingId" -> meetingId = text(parser, context);
                case "itemId" -> itemId = text(parser, context);
                case "sentiment" -> sentiment = value == JsonToken.VALUE_NULL ? null : sentiment(parser, context);
                case "flags" -> flags = texts(parser, context);
                default -> parser.skipChildren();
            }
        }
        return new ScoredComment(comment, meetingId, itemId, sentiment, flags);
    }

    private static Comment comment(JsonParser parser, DeserializationContext context) throws IOException {
        String id = null;
        String source = null;
        String author = null;
        String text = null;
        List<String> hashtags = null;
        Instant createdAt = null;
        Instant receivedAt = null;
        String lang = null;
        String repostOf = null;
        Instant editedAt = null;
        boolean withdrawn = false;
        for (String field = firstField(parser, context); field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case "id" -> id = text(parser, context);
                case "source" -> source = text(parser, context);
                case "author" -> author = text(parser, context);
                case "text" -> text = text(parser, context);
                case "hashtags" -> hashtags = texts(parser, context);
                case "createdAt" -> createdAt = instant(parser, context);
                case "receivedAt" -> receivedAt = instant(parser, context);
                case "lang" -> lang = text(parser, context);
                case "repostOf" -> repostOf = text(parser, context);
                case "editedAt" -> editedAt = instant(parser, context);
                case "withdrawn" -> withdrawn = parser.currentToken() == JsonToken.VALUE_TRUE;
                default -> parser.skipChildren();
            }
        }
        return new Comment(id, source, author, text, hashtags, createdAt, receivedAt, lang, repostOf, editedAt, withdrawn);
    }

    private static Sentiment sentiment(JsonParser parser, DeserializationContext context) throws IOException {
        Double compound = null;
        double neg = 0;
        double neu = 0;
        double pos = 0;
        Sentiment.Label label = null;
        String lang = null;
        Sentiment.Model model = null;
        for (String field = firstField(parser, context); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "compound" -> compound = value == JsonToken.VALUE_NULL ? null : number(parser, context);
                case "neg" -> neg = value == JsonToken.VALUE_NULL ? 0 : number(parser, context);
                case "neu" -> neu = value == JsonToken.VALUE_NULL ? 0 : number(parser, context);
                case "pos" -> pos = value == JsonToken.VALUE_NULL ? 0 : number(parser, context);
                case "label" -> label = value == JsonToken.VALUE_NULL ? null : label(parser, context);
                case "lang" -> lang = text(parser, context);
                case "model" -> model = value == JsonToken.VALUE_NULL ? null : model(parser, context);
                default -> parser.skipChildren();
            }
        }
        return new Sentiment(compound, neg, neu, pos, label, lang, model);
    }

    /** The first field's name of the object the parser is at (its start, or already its first field). */
    private static String firstField(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken at = parser.currentToken();
        if (at == JsonToken.START_OBJECT) {
            return parser.nextFieldName();
        }
        if (at == JsonToken.FIELD_NAME) {
            return parser.currentName();
        }
        if (at == JsonToken.END_OBJECT) {
            return null;
        }
        return (String) context.handleUnexpectedToken(ScoredComment.class, parser);
    }

    private static String text(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken at = parser.currentToken();
        if (at == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return at == JsonToken.VALUE_NULL ? null : context.readValue(parser, String.class);
    }

    private static List<String> texts(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return context.readValue(parser, context.getTypeFactory().constructCollectionType(List.class, String.class));
        }
        List<String> texts = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            texts.add(text(parser, context));
        }
        return texts;
    }

    /** As Binary writes it, [seconds, nanoseconds]; any other form as Jackson reads it. */
    private static Instant instant(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken at = parser.currentToken();
        if (at == JsonToken.VALUE_NULL) {
            return null;
        }
        return at == JsonToken.START_ARRAY ? Binary.readInstant(parser) : context.readValue(parser, Instant.class);
    }

    private static double number(JsonParser parser, DeserializationContext context) throws IOException {
        return parser.currentToken().isNumeric() ? parser.getDoubleValue() : context.readValue(parser, Double.class);
    }

    private static Sentiment.Label label(JsonParser parser, DeserializationContext context) throws IOException {
        return switch (parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : "") {
            case "positive" -> Sentiment.Label.POSITIVE;
            case "neutral" -> Sentiment.Label.NEUTRAL;
            case "negative" -> Sentiment.Label.NEGATIVE;
            case "unscored" -> Sentiment.Label.UNSCORED;
            default -> context.readValue(parser, Sentiment.Label.class);
        };
    }

    private static Sentiment.Model model(JsonParser parser, DeserializationContext context) throws IOException {
        return switch (parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : "") {
            case "tuned" -> Sentiment.Model.TUNED;
            case "vader" -> Sentiment.Model.VADER;
            default -> context.readValue(parser, Sentiment.Model.class);
        };
    }
}
