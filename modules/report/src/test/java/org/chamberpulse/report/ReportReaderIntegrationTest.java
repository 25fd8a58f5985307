package org.chamberpulse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chamberpulse.report.ReportFixtures.MEETING_ID;
import static org.chamberpulse.report.ReportFixtures.at;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report read from a real broker: the latest record per key wins, and other meetings stay out. */
@Tag("integration")
class ReportReaderIntegrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T16:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadTheLatestSummariesAndPlacementsOfOneMeeting(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // given
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            Map<String, ItemSummary> finals = ReportFixtures.summaries();
            List<ScoredComment> comments = ReportFixtures.comments();
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                Meeting other = new Meeting("other-meeting", "Planning", null, List.of("planlive"), at(0), "Europe/London", 0, List.of());
                send(producer, Topics.MEETINGS, other.meetingId(), other);
                send(producer, Topics.MEETINGS, MEETING_ID, ReportFixtures.meeting());
                for (var event : ReportFixtures.timeline().events()) {
                    send(producer, Topics.AGENDA, MEETING_ID, new AgendaEvent(MEETING_ID, event.type(), event.itemId(), event.at(), "clerk"));
                }
                send(producer, Topics.AGENDA, "other-meeting", new AgendaEvent("other-meeting", AgendaEventType.ADJOURNED, null, at(1), "clerk"));
                for (ItemSummary summary : finals.values()) {
                    send(producer, Topics.SUMMARIES, summary.key(), withCount(summary, summary.count() + 100));
                }
                producer.send(new ProducerRecord<>(Topics.SUMMARIES.name(), MEETING_ID + "/1", "{broken".getBytes(StandardCharsets.UTF_8))).get();
                for (ItemSummary summary : finals.values()) {
                    send(producer, Topics.SUMMARIES, summary.key(), summary);
                }
                send(producer, Topics.SUMMARIES, "other-meeting/1", withCount(finals.get("1"), 999));
                ScoredComment moved = comments.get(0).placedIn(MEETING_ID, "2");
                send(producer, Topics.COMMENTS_SCORED, MEETING_ID, moved);
                for (ScoredComment comment : comments) {
                    send(producer, Topics.COMMENTS_SCORED, MEETING_ID, comment);
                }
                ScoredComment withdrawn = comments.get(1).placedIn(MEETING_ID, null);
                send(producer, Topics.COMMENTS_SCORED, MEETING_ID, withdrawn);
                send(producer, Topics.COMMENTS_SCORED, "other-meeting", comments.get(2).placedIn("other-meeting", "1"));
            }
            List<String> progress = new ArrayList<>();

            // when
            ReportData data;
            try (ReportReader reader = new ReportReader(PulseConfig.defaultConfig(), broker.bootstrapServers(),
                    (topic, read, total, done) -> progress.add(topic + " " + read + "/" + total + (done ? " done" : "")), CLOCK)) {
                data = reader.read(MEETING_ID);
            }

            // then
            assertThat(data.summaries()).containsExactlyElementsOf(List.of(finals.get("1"), finals.get("2"), finals.get("3"), finals.get("recess")));
            assertThat(data.comments()).extracting(c -> c.comment().id())
                    .containsExactlyInAnyOrder("web:1", "web:3", "web:4", "web:5", "web:6", "web:7", "web:8", "web:9", "web:10");
            assertThat(data.comments()).filteredOn(c -> c.comment().id().equals("web:1")).singleElement()
                    .satisfies(c -> assertThat(c.itemId()).isEqualTo("1"));
            assertThat(data.adjourned()).isTrue();
            assertThat(data.segments()).extracting(s -> s.itemId()).containsExactly("1", "2", "recess", "2", "3", "post");
            assertThat(data.generatedAt()).isEqualTo(CLOCK.instant());
            assertThat(progress).contains("pulse.meetings 2/2 done", "pulse.agenda 8/8 done", "pulse.summaries 10/10 done", "pulse.comments.scored 13/13 done");
        }
    }

    @Test
    void shouldNameTheMeetingsThereAreWhenAskedForOneThatIsNot(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // given
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(1, (short) 1)).toList());
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                send(producer, Topics.MEETINGS, MEETING_ID, ReportFixtures.meeting());
            }

            // when / then
            try (ReportReader reader = new ReportReader(PulseConfig.defaultConfig(), broker.bootstrapServers(), ReportReader.Progress.NONE, CLOCK)) {
                assertThatThrownBy(() -> reader.read("no-such-meeting"))
                        .isInstanceOf(ReportException.class)
                        .hasMessageContaining("There is no meeting \"no-such-meeting\" on pulse.meetings")
                        .hasMessageContaining("Meetings there: " + MEETING_ID);
            }
        }
    }

    private static ItemSummary withCount(ItemSummary s, long count) {
        return new ItemSummary(s.meetingId(), s.itemId(), s.number(), s.title(), count, s.reposts(), s.uniqueAuthors(), s.sentiment(), s.perMinute(),
                s.topHashtags(), s.topTerms(), s.flagged(), s.restricted(), s.firstAt(), s.lastAt(), s.quotes(), s.version() - 1, s.lastReceivedAt());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }
}
