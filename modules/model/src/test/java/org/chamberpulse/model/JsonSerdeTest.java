package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant T = Instant.parse("2026-11-27T14:21:05Z");

    @Test
    void shouldRoundTripEveryPublicRecord() {
        // given
        Meeting meeting = new Meeting("bcc-2026-11-27-council", "City Council", "Birmingham City Council", List.of("bcclive"),
                T, "Europe/London", 30, List.of(new AgendaItem("4", "4", "Public questions", false, "63012", "412")));
        AgendaEvent event = new AgendaEvent("bcc-2026-11-27-council", AgendaEventType.ITEM_STARTED, "4", T, "clerk");
        Comment comment = new Comment("mastodon:112233", "mastodon", "a1b2c3", "Great point #bcclive", List.of("bcclive"),
                T, T.plusSeconds(1), "en", null);
        ScoredComment scored = new ScoredComment(comment, "m", "4", new Sentiment(0.6249, 0.0, 0.5, 0.5, Sentiment.Label.POSITIVE, "en", Sentiment.Model.VADER), List.of());
        ItemSummary summary = new ItemSummary("m", "4", "4", "Public questions", 3, 1, 2,
                new SentimentSummary(0.25, 1, 1, 0, 1, "tuned"), List.of(new MinuteCount(T, 3)), List.of(new TermCount("buses", 2)),
                List.of(new TermCount("lane", 1)), 0, false, T, T,
                List.of(new Quote("x:1", "Buses!", T, Sentiment.Label.NEUTRAL)), 7, T);
        DeadLetter dead = new DeadLetter("missing id", "pulse.comments.raw", 2, 41, T, "{}", null);

        // when / then
        assertThat(roundTrip(Topics.MEETINGS, meeting)).isEqualTo(meeting);
        assertThat(roundTrip(Topics.AGENDA, event)).isEqualTo(event);
        assertThat(roundTrip(Topics.COMMENTS_RAW, comment)).isEqualTo(comment);
        assertThat(roundTrip(Topics.COMMENTS_SCORED, scored)).isEqualTo(scored);
        assertThat(roundTrip(Topics.SUMMARIES, summary)).isEqualTo(summary);
        assertThat(roundTrip(Topics.DLQ, dead)).isEqualTo(dead);
    }

    @Test
    void shouldReadTheWireFormatOfTheDesign() {
        // given
        String json = """
                {"id": "mastodon:112233", "source": "mastodon", "author": "a1b2c3", "text": "Great point on the bus lanes #bcclive",
                 "hashtags": ["bcclive"], "createdAt": "2026-11-27T14:21:05Z", "receivedAt": "2026-11-27T14:21:06Z",
                 "lang": "en", "repostOf": null, "someFutureField": {"x": 1}}""";

        // when
        Comment comment = Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(comment.createdAt()).isEqualTo(T);
        assertThat(comment.isRepost()).isFalse();
        assertThat(new String(Topics.COMMENTS_RAW.valueSerde().serializer().serialize("t", comment), StandardCharsets.UTF_8))
                .contains("\"createdAt\":\"2026-11-27T14:21:05Z\"")
                .doesNotContain("repost\":");
    }

    @Test
    void shouldWriteAScoredCommentAsTheCommentsOwnFieldsPlusItsPlace() {
        // given
        Comment comment = new Comment("x:1", "x", "a", "Hi", List.of("bcclive"), T, T, "en", null);
        ScoredComment scored = new ScoredComment(comment, "m1", "4", Sentiment.unscored("cy"), List.of("profanity"));

        // when
        String json = new String(Topics.COMMENTS_SCORED.valueSerde().serializer().serialize("t", scored), StandardCharsets.UTF_8);

        // then
        assertThat(json).startsWith("{\"id\":\"x:1\"").contains("\"meetingId\":\"m1\"", "\"itemId\":\"4\"", "\"label\":\"unscored\"")
                .doesNotContain("\"comment\"");
    }

    @Test
    void shouldMapNullToNullBothWays() {
        assertThat(Topics.COMMENTS_RAW.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldThrowSerializationExceptionOnBadBytes() {
        for (String bad : List.of("{", "null", "[]", "\"text\"", "{\"createdAt\": \"yesterday\"}", "{} trailing",
                "{\"hashtags\": \"notalist\"}", "{\"text\": 42}", "{\"id\": true}", "{\"id\": 1, \"id\": 2}", "[".repeat(100))) {
            assertThatThrownBy(() -> Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize("t", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("not a valid Comment");
        }
        assertThatThrownBy(() -> Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize("t", new byte[] {(byte) 0xc3, 0x28}))
                .isInstanceOf(SerializationException.class);
    }

    private static <V> V roundTrip(Topic<String, V> topic, V value) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), topic.valueSerde().serializer().serialize(topic.name(), value));
    }
}
