package org.chamberpulse.topology;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.JsonSerde;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.ScoredCommentWriter;

/**
 * The format of what only the topology reads (state stores, repartition and changelog topics): a format
 * version byte, then Smile, Jackson's binary JSON, of the same records as the public JSON. Instants are
 * written as two numbers (seconds, nanoseconds) instead of ISO text, and a scored comment keeps its
 * comment as a field of its own rather than unwrapped, which Jackson can only read through a buffer
 * (docs/BENCHMARKS.md, serde). Values written before the version byte existed were JSON, and are still
 * read: an upgrade finds its old state readable.
 */
public final class Binary<T> implements Serde<T> {

    /**
     * The first byte of every value in this format; a later format takes the next number and keeps reading the
     * earlier ones. Format 1 was Smile with back-references to repeated field names; format 2 (written since)
     * names every field in full. Smile's header says which, so one reader reads both.
     */
    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    private static final byte JSON_OBJECT = '{';

    static final ObjectMapper MAPPER = jacksonAlone()
            .addModule(new SimpleModule("scored-comments")
                    .addSerializer(ScoredComment.class, ScoredCommentWriter.nested(Binary::writeInstant))
                    .addDeserializer(ScoredComment.class, new ScoredCommentReader()))
            .build();

    /** The format as Jackson's databinding alone writes and reads it; a scored comment is written and read faster by hand (MAPPER). */
    static SmileMapper.Builder jacksonAlone() {
        return SmileMapper.builder(SmileFactory.builder()
                        // Back-references pay off for names repeated within one value; ours name most fields once, and
                        // looking every name up was a fifth of writing a value in JMH (format 2; docs/BENCHMARKS.md, serde).
                        .disable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
                        .build())
                .addModule(new BlackbirdModule())
                .addModule(new SimpleModule("compact-instants")
                        .addSerializer(Instant.class, new InstantWriter())
                        .addDeserializer(Instant.class, new InstantReader()))
                .addMixIn(ScoredComment.class, ScoredCommentFields.class)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final JsonSerde<T> previousFormat;

    private Binary(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
        this.previousFormat = JsonSerde.of(type);
    }

    public static <T> Binary<T> of(Class<T> type) {
        return new Binary<>(type);
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        try {
            // The version byte goes first into the buffer Jackson recycles, so the value is copied out once.
            BufferRecycler recycler = MAPPER.getFactory()._getBufferRecycler();
            try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
                bytes.write(VERSION_2);
                writer.writeValue(bytes, value);
                return bytes.getClearAndRelease();
            } finally {
                recycler.releaseToPool();
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
            return previousFormat.fromBytes(bytes);
        }
        if (bytes.length == 0 || (bytes[0] != VERSION_1 && bytes[0] != VERSION_2)) {
            throw new SerializationException("not a " + type.getSimpleName() + " in a known format: first byte "
                    + (bytes.length == 0 ? "missing" : Byte.toString(bytes[0])));
        }
        try {
            return reader.readValue(bytes, 1, bytes.length - 1);
        } catch (IOException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    /**
     * This format, writing a value sent again at once (the same instance: a comment to each of its hashtags' desks)
     * only the first time. Only for immutable values: a value changed in place would be sent as it was.
     */
    public Serde<T> writingRepeatsOnce() {
        return new Serde<>() {
            private volatile Written<T> last;

            @Override
            public Serializer<T> serializer() {
                return (topic, value) -> {
                    Written<T> written = last;
                    if (written != null && written.value() == value) {
                        return written.bytes();
                    }
                    byte[] bytes = toBytes(value);
                    last = new Written<>(value, bytes);
                    return bytes;
                };
            }

            @Override
            public Deserializer<T> deserializer() {
                return Binary.this.deserializer();
            }
        };
    }

    /** A value and its bytes; one object, so that a thread reads both of the same write. */
    private record Written<V>(V value, byte[] bytes) {
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }

    @Override
    public String toString() {
        return "Binary(" + type.getSimpleName() + ")";
    }

    /** The public JSON of a value, for tests and dead letters. */
    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    static byte[] withoutVersion(byte[] bytes) {
        return Arrays.copyOfRange(bytes, 1, bytes.length);
    }

    /** A scored comment's comment as a nested object: unwrapped, Jackson reads it only through a token buffer. */
    private abstract static class ScoredCommentFields {
        @JsonUnwrapped(enabled = false)
        abstract Comment comment();
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            writeInstant(value, generator);
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return readInstant(parser);
        }
    }

    /** An instant in this format: [seconds, nanoseconds]. */
    static void writeInstant(Instant value, JsonGenerator generator) throws IOException {
        generator.writeStartArray(value, 2);
        generator.writeNumber(value.getEpochSecond());
        generator.writeNumber(value.getNano());
        generator.writeEndArray();
    }

    /** An instant in this format, the parser at the start of its array. */
    static Instant readInstant(JsonParser parser) throws IOException {
        parser.nextToken();
        long seconds = parser.getLongValue();
        parser.nextToken();
        int nanos = parser.getIntValue();
        parser.nextToken();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
