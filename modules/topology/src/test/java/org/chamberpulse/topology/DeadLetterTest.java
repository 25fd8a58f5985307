package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chamberpulse.model.DeadLetter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 7: bad input goes to pulse.dlq with a reason, and the topology keeps running. */
class DeadLetterTest {

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSendMalformedCommentsToTheDeadLetterTopicWithAReason() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when
        raw("k1", "{not json");
        raw("k2", "{\"id\":\"x:1\",\"source\":\"x\",\"author\":\"a\",\"text\":\"hi\",\"hashtags\":[\"bcclive\"]}");
        raw("k3", "{\"id\":\"x:2\",\"source\":\"x\",\"author\":\"a\",\"text\":\"hi\",\"hashtags\":[\"bcclive\"],"
                + "\"createdAt\":\"2099-01-01T00:00:00Z\",\"receivedAt\":\"2026-11-27T14:01:00Z\"}");
        raw("k4", "{\"id\":\"x:3\",\"source\":\"fax\",\"author\":\"a\",\"text\":\"hi\",\"createdAt\":\"2026-11-27T14:01:00Z\"}");
        raw("k5", "{\"id\":\"x:4\",\"source\":\"x\",\"author\":\"a\",\"text\":\"hi\",\"createdAt\":true,\"hashtags\":\"bcclive\"}");
        driver.raw("k6", new byte[] {(byte) 0xff, (byte) 0xfe, '{'}, at(1));
        driver.raw("k7", null, at(1));
        driver.comment(comment("c1", "a1", "Still counted", at(2)));

        // then
        List<DeadLetter> dead = driver.deadLetters();
        assertThat(dead).hasSize(7);
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.topic()).isEqualTo("pulse.comments.raw");
            assertThat(d.offset()).isNotNegative();
        });
        assertThat(dead.get(0).reason()).contains("not a valid Comment");
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(dead.get(1).reason()).isEqualTo("missing createdAt");
        assertThat(dead.get(2).reason()).contains("more than 5 minutes after receivedAt");
        assertThat(dead.get(3).reason()).contains("unknown source 'fax'");
        assertThat(dead.get(4).reason()).contains("not a valid Comment");
        assertThat(dead.get(5).reason()).contains("not valid UTF-8");
        assertThat(dead.get(5).valueBase64()).isEqualTo("//57");
        assertThat(dead.get(6).reason()).contains("tombstone");
        assertThat(driver.summary("m1", "1").count()).isEqualTo(1);
    }

    @Test
    void shouldSendMalformedMeetingsAndAgendaEventsToTheDeadLetterTopic() {
        // when
        driver.rawMeeting("m1", "{\"meetingId\":\"m1\",\"hashtags\":[],\"scheduledStart\":\"2026-11-27T14:00:00Z\"}");
        driver.rawMeeting("other", "{\"meetingId\":\"m2\",\"hashtags\":[\"x\"],\"scheduledStart\":\"2026-11-27T14:00:00Z\"}");
        driver.rawAgenda("m1", "{\"meetingId\":\"m1\",\"type\":\"ITEM_STARTED\",\"at\":\"2026-11-27T14:00:00Z\"}");
        driver.rawAgenda("m1", "{\"meetingId\":\"m1\",\"type\":\"LUNCH\",\"at\":\"2026-11-27T14:00:00Z\"}");

        // then
        List<DeadLetter> dead = driver.deadLetters();
        assertThat(dead).extracting(DeadLetter::reason).startsWith(
                "meeting m1 lists no hashtags",
                "key 'other' is not the meetingId 'm2': pulse.meetings is compacted by key",
                "missing itemId");
        assertThat(dead).hasSize(4);
        assertThat(dead.get(3).reason()).startsWith("not a valid AgendaEvent").contains("LUNCH");
        assertThat(dead.get(3).topic()).isEqualTo("pulse.agenda");
    }

    @Test
    void shouldRefuseMeetingTimesBeyondAnyCalendarInsteadOfOverflowing() {
        // given a meeting and an agenda event at the far end of Instant's range
        driver.rawMeeting("far", "{\"meetingId\":\"far\",\"hashtags\":[\"farlive\"],\"scheduledStart\":\"+1000000000-12-31T23:59:59Z\","
                + "\"items\":[{\"itemId\":\"1\",\"number\":\"1\",\"title\":\"Roads\"}]}");
        driver.publish(council("m1", START, 0));
        driver.rawAgenda("m1", "{\"meetingId\":\"m1\",\"type\":\"ITEM_STARTED\",\"itemId\":\"1\",\"at\":\"+1000000000-12-31T23:59:59Z\"}");

        // when
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.comment(comment("c1", "a1", "Still counted", at(2)));

        // then
        assertThat(driver.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "scheduledStart +1000000000-12-31T23:59:59Z is not between 2006-01-01T00:00:00Z and 2200-01-01T00:00:00Z",
                "at +1000000000-12-31T23:59:59Z is after 2200-01-01T00:00:00Z");
        assertThat(driver.summary("m1", "1").count()).isEqualTo(1);
    }

    private void raw(String key, String json) {
        driver.raw(key, json.getBytes(StandardCharsets.UTF_8), at(1));
    }
}
