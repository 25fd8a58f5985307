package org.chamberpulse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chamberpulse.report.ReportFixtures.MEETING_ID;
import static org.chamberpulse.report.ReportFixtures.at;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.timeline.MeetingTimeline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The report read from a real broker: the latest view and placements win, other meetings stay out, a final meeting reads from its record. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReportReaderIntegrationTest {

    private static final PulseConfig CONFIG = PulseConfig.fromSettings(Map.of("author.secret", "report-test"));
    private static final Pseudonyms IDS = Pseudonyms.fromConfig(CONFIG);


    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T16:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadTheLatestViewAndPlacementsOfAMeetingNotFinalYet(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // given: views (an older one first) and placed comments, with another meeting's beside them
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            Map<String, ItemSummary> finals = ReportFixtures.summaries();
            List<ScoredComment> comments = ReportFixtures.comments();
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                Meeting other = new Meeting("other-meeting", "Planning", null, List.of("planlive"), at(0), "Europe/London", 0, List.of());
                send(producer, Topics.VIEWS, other.meetingId(), view(new MeetingTimeline(other.meetingId(), other, List.of()), List.of(), null, 1));
                List<ItemSummary> older = finals.values().stream().map(s -> withCount(s, s.count() + 100)).toList();
                send(producer, Topics.VIEWS, MEETING_ID, view(ReportFixtures.timeline(), older, null, 1));
                producer.send(new ProducerRecord<>(Topics.VIEWS.name(), MEETING_ID, "{broken".getBytes(StandardCharsets.UTF_8))).get();
                send(producer, Topics.VIEWS, MEETING_ID, view(ReportFixtures.timeline(), inOrder(finals), null, 2));
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
            try (ReportReader reader = new ReportReader(CONFIG, broker.bootstrapServers(),
                    (topic, read, total, done) -> progress.add(topic + (done ? " done" : "")), CLOCK)) {
                data = reader.read(MEETING_ID);
            }

            // then
            assertThat(data.summaries()).containsExactlyElementsOf(List.of(finals.get("1"), finals.get("2"), finals.get("3"), finals.get("recess")));
            assertThat(data.comments()).extracting(c -> c.comment().id()).as("public ids, never source ids")
                    .containsExactlyInAnyOrder(Stream.of("web:1", "web:3", "web:4", "web:5", "web:6", "web:7", "web:8", "web:9", "web:10")
                            .map(IDS::publicId).toArray(String[]::new));
            assertThat(data.comments()).filteredOn(c -> c.comment().id().equals(IDS.publicId("web:1"))).singleElement()
                    .satisfies(c -> assertThat(c.itemId()).isEqualTo("1"));
            assertThat(data.adjourned()).isTrue();
            assertThat(data.segments()).extracting(s -> s.itemId()).containsExactly("1", "2", "recess", "2", "3", "post");
            assertThat(data.generatedAt()).isEqualTo(CLOCK.instant());
            assertThat(progress).contains("pulse.views done", "pulse.comments.scored done");
        }
    }

    @Test
    void shouldReadAFinalMeetingFromItsRecordByteForByteOnceItsCommentsAreDeleted(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // given: a final meeting's record (and an older version), its view naming it, and no comments left anywhere
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            Instant finalAt = Instant.parse("2026-11-27T17:05:00Z");
            ReportBundle record = new ReportBundle(MEETING_ID, 2, finalAt, ReportFixtures.timeline(), inOrder(ReportFixtures.summaries()),
                    ReportFixtures.comments().stream().filter(c -> c.itemId() != null).toList());
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                send(producer, Topics.REPORTS, MEETING_ID, new ReportBundle(MEETING_ID, 1, finalAt.minusSeconds(60), record.timeline(), List.of(), List.of()));
                producer.send(new ProducerRecord<>(Topics.REPORTS.name(), null, finalAt.toEpochMilli(), MEETING_ID,
                        Topics.REPORTS.valueSerde().serializer().serialize(Topics.REPORTS.name(), record))).get();
                send(producer, Topics.VIEWS, MEETING_ID, view(record.timeline(), record.summaries(), new MeetingView.ReportRef(2, finalAt), 7));
            }

            // when: read twice, with a clock that has moved on
            ReportData first;
            ReportData second;
            try (ReportReader reader = new ReportReader(CONFIG, broker.bootstrapServers(), ReportReader.Progress.NONE, CLOCK)) {
                first = reader.read(MEETING_ID);
            }
            try (ReportReader reader = new ReportReader(CONFIG, broker.bootstrapServers(), ReportReader.Progress.NONE,
                    Clock.offset(CLOCK, Duration.ofDays(400)))) {
                second = reader.read(MEETING_ID);
            }

            // then
            assertThat(first).isEqualTo(ReportData.of(record).withPublicIds(IDS::publicId));
            assertThat(first.generatedAt()).isEqualTo(finalAt);
            for (Report.File file : Report.File.values()) {
                assertThat(new Report(second, "/r/").render(file)).as(file.fileName()).isEqualTo(new Report(first, "/r/").render(file));
            }
        }
    }

    @Test
    void shouldNameTheMeetingsThereAreWhenAskedForOneThatIsNot(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // given
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(1, (short) 1)).toList());
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                send(producer, Topics.VIEWS, MEETING_ID, view(ReportFixtures.timeline(), List.of(), null, 1));
            }

            // when / then
            try (ReportReader reader = new ReportReader(CONFIG, broker.bootstrapServers(), ReportReader.Progress.NONE, CLOCK)) {
                assertThatThrownBy(() -> reader.read("no-such-meeting"))
                        .isInstanceOf(ReportException.class)
                        .hasMessageContaining("There is no meeting \"no-such-meeting\" on pulse.views")
                        .hasMessageContaining("Meetings there: " + MEETING_ID);
            }
        }
    }

    private static List<ItemSummary> inOrder(Map<String, ItemSummary> summaries) {
        return List.of(summaries.get("1"), summaries.get("2"), summaries.get("3"), summaries.get("recess"));
    }

    /** A meeting's view as the topology writes it (the running item and segments from the timeline). */
    private static MeetingView view(MeetingTimeline timeline, List<ItemSummary> items, MeetingView.ReportRef report, long version) {
        var segments = timeline.segments();
        return new MeetingView(timeline.meetingId(), timeline.meeting(), timeline.events(), segments,
                segments.isEmpty() ? null : segments.get(segments.size() - 1).itemId(), timeline.openedAt().orElse(null),
                timeline.adjournedAt().orElse(null), items, List.of(), List.of(), report, version);
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
