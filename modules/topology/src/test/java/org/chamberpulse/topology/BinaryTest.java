package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.JsonSerde;
import org.chamberpulse.model.RandomComments;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.timeline.MeetingWindow;
import org.junit.jupiter.api.Test;

/** The format of the topology's own state and topics: versioned, and readable after an upgrade. */
class BinaryTest {

    /** What {@code formats/v*-*.b64} hold, as written by format versions 1 (before a sentiment named its model) and 2. */
    static final ScoredComment COMMENT = new ScoredComment(new Comment("mastodon:112233", "mastodon", "a1b2c3",
            "Great point on the bus lanes 😀 #bcclive", List.of("bcclive"), Instant.parse("2026-11-27T14:21:05.123456789Z"),
            Instant.parse("2026-11-27T14:21:06Z"), "en", null), null, null,
            new Sentiment(0.6249, 0.0, 0.714, 0.286, Sentiment.Label.POSITIVE, "en", null), List.of("profanity"));
    static final PlacedComment PLACED = new PlacedComment(COMMENT, List.of("bcclive", "buses"));
    static final DeskMessage WINDOW = new DeskMessage.WindowChanged(new MeetingWindow("bcc-2026-11-27-council", List.of("bcclive"),
            Instant.parse("2026-11-27T14:00:00Z"), Instant.parse("2026-11-27T13:00:00Z"), Instant.parse("2026-11-28T02:00:00Z")), "bcclive");

    @Test
    void shouldReadEveryKindOfValueBackAsWritten() {
        // given
        Binary<DeskMessage> messages = Binary.of(DeskMessage.class);
        ScoredComment tuned = new ScoredComment(COMMENT.comment(), null, null,
                new Sentiment(-0.4, 0.5, 0.4, 0.1, Sentiment.Label.NEGATIVE, "en", Sentiment.Model.TUNED), List.of());
        List<DeskMessage> values = List.of(new DeskMessage.CommentArrived(COMMENT), new DeskMessage.CommentArrived(tuned), WINDOW, new DeskMessage.WindowWithdrawn("m1"),
                new DeskMessage.Place("m1", COMMENT, "buses"), new DeskMessage.Withdraw("m1", "mastodon:112233", "buses"));

        // when / then
        for (DeskMessage value : values) {
            assertThat(messages.fromBytes(messages.toBytes(value))).isEqualTo(value);
        }
    }

    @Test
    void shouldStillReadStateWrittenInTheFormatBeforeTheVersionByte() {
        // given: a value as the topology wrote its state before this format, JSON
        byte[] json = JsonSerde.of(PlacedComment.class).toBytes(PLACED);

        // when
        PlacedComment read = Binary.of(PlacedComment.class).fromBytes(json);

        // then
        assertThat(read).isEqualTo(PLACED);
    }

    @Test
    void shouldKeepReadingFormatOneAndWritingFormatTwoByteForByte() throws IOException {
        // given: bytes written by each format when it was made; a format change must take a new version and keep reading these
        byte[] placedV1 = golden("v1-placed-comment.b64");
        byte[] windowV1 = golden("v1-window-changed.b64");
        byte[] placedV2 = golden("v2-placed-comment.b64");
        byte[] windowV2 = golden("v2-window-changed.b64");

        // when / then
        assertThat(placedV1[0]).isEqualTo(Binary.VERSION_1);
        assertThat(Binary.of(PlacedComment.class).fromBytes(placedV1)).isEqualTo(PLACED);
        assertThat(Binary.of(DeskMessage.class).fromBytes(windowV1)).isEqualTo(WINDOW);
        assertThat(placedV2[0]).isEqualTo(Binary.VERSION_2);
        assertThat(Binary.of(PlacedComment.class).fromBytes(placedV2)).isEqualTo(PLACED);
        assertThat(Binary.of(DeskMessage.class).fromBytes(windowV2)).isEqualTo(WINDOW);
        assertThat(Binary.of(PlacedComment.class).toBytes(PLACED)).isEqualTo(placedV2);
        assertThat(Binary.of(DeskMessage.class).toBytes(WINDOW)).isEqualTo(windowV2);
    }

    @Test
    void shouldWriteAValueSentAgainAtOnceOnlyTheFirstTime() {
        // given: one message for two hashtags, then an equal one made apart, then the first again after another
        Serializer<DeskMessage> serializer = Binary.of(DeskMessage.class).writingRepeatsOnce().serializer();
        DeskMessage arrived = new DeskMessage.CommentArrived(COMMENT);
        DeskMessage equal = new DeskMessage.CommentArrived(COMMENT);

        // when
        byte[] first = serializer.serialize("desk", arrived);
        byte[] again = serializer.serialize("desk", arrived);
        byte[] ofEqual = serializer.serialize("desk", equal);
        byte[] ofWindow = serializer.serialize("desk", WINDOW);
        byte[] firstLater = serializer.serialize("desk", arrived);

        // then
        assertThat(again).isSameAs(first);
        assertThat(ofEqual).isNotSameAs(first).isEqualTo(first);
        assertThat(Binary.of(DeskMessage.class).fromBytes(ofWindow)).isEqualTo(WINDOW);
        assertThat(firstLater).isNotSameAs(first).isEqualTo(first);
        assertThat(Binary.of(DeskMessage.class).fromBytes(first)).isEqualTo(arrived);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldWriteAndReadScoredCommentsFieldByFieldAsJacksonAloneDoes() throws IOException {
        // given: random comments, written as the format writes them, some with fields a later version may add
        ObjectMapper jacksonAlone = Binary.jacksonAlone().build();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            ScoredComment comment = RandomComments.scoredComment(random);
            byte[] written = Binary.of(PlacedComment.class).toBytes(new PlacedComment(comment, List.of("bcclive")));
            Map<String, Object> withUnknown = Binary.MAPPER.readValue(written, 1, written.length - 1, new TypeReference<Map<String, Object>>() { });
            Map<String, Object> scored = (Map<String, Object>) withUnknown.get("comment");
            scored.put("addedLater", Map.of("nested", List.of(1, "two")));
            if (scored.get("comment") instanceof Map<?, ?> fields) {
                ((Map<String, Object>) fields).put("alsoLater", List.of(Map.of("k", 3)));
            }
            byte[] unknownFields = Binary.MAPPER.writeValueAsBytes(withUnknown);

            // when
            ScoredComment read = Binary.of(PlacedComment.class).fromBytes(written).comment();
            ScoredComment readPastUnknown = Binary.MAPPER.readValue(unknownFields, PlacedComment.class).comment();

            // then
            assertThat(written).as("seed %d, value %d", seed, n).isEqualTo(withVersion(jacksonAlone.writeValueAsBytes(new PlacedComment(comment, List.of("bcclive")))));
            assertThat(read).as("seed %d, value %d", seed, n)
                    .isEqualTo(jacksonAlone.readValue(written, 1, written.length - 1, PlacedComment.class).comment())
                    .isEqualTo(comment);
            assertThat(readPastUnknown).as("seed %d, value %d", seed, n).isEqualTo(comment);
        }
    }

    private static byte[] withVersion(byte[] smile) {
        byte[] bytes = new byte[smile.length + 1];
        bytes[0] = Binary.VERSION_2;
        System.arraycopy(smile, 0, bytes, 1, smile.length);
        return bytes;
    }

    @Test
    void shouldRefuseBytesOfAnUnknownFormatWithTheReason() {
        assertThatThrownBy(() -> Binary.of(PlacedComment.class).fromBytes(new byte[] {9, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a PlacedComment in a known format: first byte 9");
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = BinaryTest.class.getResourceAsStream("/formats/" + name)) {
            return Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
