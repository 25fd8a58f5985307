package org.chamberpulse.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.MinuteCount;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * History on a broker, as years of meetings leave it, written straight to the topics the read paths use:
 * each meeting's view on pulse.views, its record on pulse.reports (final meetings) and its comments on
 * pulse.comments.scored. For the report and restart benchmarks.
 */
final class History {

    static final int ITEMS = 8;
    private static final String[] WORDS = {"bus", "lanes", "budget", "council", "tax", "library", "housing", "repairs", "vote",
        "great", "terrible", "answer", "question", "park", "bins", "potholes"};

    private History() {
    }

    static void createTopics(EmbeddedKafkaBroker broker, int partitions) {
        List<NewTopic> topics = new ArrayList<>(Topics.ALL.stream().map(t -> t.newTopic(partitions, (short) 1)).toList());
        broker.createTopics(topics);
    }

    /**
     * {@code meetings} meetings a week apart, {@code commentsEach} comments each; all final (adjourned, with
     * their record) but the newest, which is still running. Returns the meeting ids, oldest first.
     */
    static List<String> write(String bootstrap, int meetings, int commentsEach, boolean records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.MAX_REPORT_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(4L * Topics.MAX_REPORT_BYTES));
        Random random = new Random(17);
        List<String> ids = new ArrayList<>();
        Instant first = Instant.parse("2017-01-05T18:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int m = 0; m < meetings; m++) {
                String id = "hist-" + m;
                ids.add(id);
                Instant start = first.plus(Duration.ofDays(7L * m));
                boolean running = m == meetings - 1;
                List<AgendaItem> items = new ArrayList<>();
                for (int i = 1; i <= ITEMS; i++) {
                    items.add(new AgendaItem(Integer.toString(i), Integer.toString(i), "Item " + i + " of meeting " + m, false, "ext-" + i, null));
                }
                Meeting meeting = new Meeting(id, "Full Council " + m, "History Borough Council", List.of("histlive"), start, "Europe/London", 30, items);
                MeetingTimeline timeline = new MeetingTimeline(id, meeting, List.of());
                timeline = timeline.withEvent(new TimelineEvent(AgendaEventType.OPENED, null, start, start.toEpochMilli()));
                for (int i = 1; i <= ITEMS; i++) {
                    Instant at = start.plus(Duration.ofMinutes(15L * (i - 1)));
                    timeline = timeline.withEvent(new TimelineEvent(AgendaEventType.ITEM_STARTED, Integer.toString(i), at, at.toEpochMilli()));
                }
                if (!running) {
                    Instant end = start.plus(Duration.ofMinutes(15L * ITEMS));
                    timeline = timeline.withEvent(new TimelineEvent(AgendaEventType.ADJOURNED, null, end, end.toEpochMilli()));
                }
                List<ScoredComment> comments = new ArrayList<>();
                for (int c = 0; c < commentsEach; c++) {
                    Instant at = start.plusMillis((long) (random.nextDouble() * Duration.ofMinutes(15L * ITEMS).toMillis()));
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 10; w++) {
                        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                    }
                    String item = Integer.toString(1 + (int) (Duration.between(start, at).toMinutes() / 15));
                    Comment comment = new Comment("web:" + id + "-" + c, "web", "p" + random.nextInt(3_000), text.append("#histlive").toString(),
                            List.of("histlive"), at, at.plusSeconds(1), "en", null);
                    ScoredComment scored = new ScoredComment(comment, id, item, new Sentiment(0.3, 0.1, 0.6, 0.3, Sentiment.Label.POSITIVE, "en", Sentiment.Model.TUNED), List.of());
                    comments.add(scored);
                    send(producer, Topics.COMMENTS_SCORED, id, scored, at.toEpochMilli());
                }
                List<ItemSummary> summaries = summaries(id, items, commentsEach, start);
                Instant finalAt = timeline.adjournedAt().map(at -> at.plus(Duration.ofMinutes(2))).orElse(null);
                if (!running && records) {
                    comments.sort(Comparator.comparing((ScoredComment c) -> c.comment().createdAt()).thenComparing(c -> c.comment().id()));
                    send(producer, Topics.REPORTS, id, new ReportBundle(id, 1, finalAt, timeline, summaries, comments), finalAt.toEpochMilli());
                }
                List<Segment> segments = timeline.segments();
                MeetingView view = new MeetingView(id, meeting, timeline.events(), segments, segments.get(segments.size() - 1).itemId(),
                        timeline.openedAt().orElse(null), timeline.adjournedAt().orElse(null), summaries, List.of(), List.of(),
                        running || !records ? null : new MeetingView.ReportRef(1, finalAt), 1);
                send(producer, Topics.VIEWS, id, view, (finalAt != null ? finalAt : start).toEpochMilli());
            }
        }
        return ids;
    }

    private static List<ItemSummary> summaries(String meetingId, List<AgendaItem> items, int comments, Instant start) {
        List<ItemSummary> summaries = new ArrayList<>();
        long each = comments / items.size();
        for (AgendaItem item : items) {
            List<MinuteCount> minutes = new ArrayList<>();
            for (int k = 0; k < 15; k++) {
                minutes.add(new MinuteCount(start.plus(Duration.ofMinutes(15L * (Integer.parseInt(item.itemId()) - 1) + k)), each / 15));
            }
            List<TermCount> terms = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                terms.add(new TermCount(WORDS[k], each / (k + 2)));
            }
            summaries.add(new ItemSummary(meetingId, item.itemId(), item.number(), item.title(), each, each / 10, each / 2,
                    new SentimentSummary(0.3, each, 0, 0, 0, "tuned"), minutes, List.of(), terms, 0, false, start, start.plus(Duration.ofMinutes(15)),
                    List.of(new Quote("web:q", "A point worth quoting about the buses", start, Sentiment.Label.POSITIVE)), 40, null));
        }
        return summaries;
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value, long timestamp) {
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory(name);
    }
}
