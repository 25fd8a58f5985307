package org.chamberpulse.topology;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;

/** The topology under TopologyTestDriver, fed with explicit timestamps, read back by key. */
final class PulseDriver implements AutoCloseable {

    static final PulseConfig CONFIG = withSettings(Map.of());
    static final Pseudonyms IDS = new Pseudonyms(CONFIG.authorSecret().getBytes(StandardCharsets.UTF_8));

    private final TopologyTestDriver driver;
    private final File stateDir;
    private Instant nextSendTime;
    private Duration sendStep = Duration.ZERO;
    private final TestInputTopic<String, Meeting> meetings;
    private final TestInputTopic<String, AgendaEvent> agenda;
    private final TestInputTopic<String, Comment> comments;
    private final TestInputTopic<String, ModerationEvent> moderation;
    private final TestInputTopic<String, byte[]> rawComments;
    private final TestInputTopic<String, byte[]> rawMeetings;
    private final TestInputTopic<String, byte[]> rawAgenda;
    private final TestInputTopic<String, byte[]> rawModeration;
    private final TestOutputTopic<String, ItemSummary> summaries;
    private final TestOutputTopic<String, UnmatchedSummary> unmatched;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestOutputTopic<String, ScoredComment> scored;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, MeetingView> views;
    private final TestOutputTopic<String, ReportBundle> reports;
    private final Map<String, MeetingView> latestViews = new TreeMap<>();
    private final Map<String, ReportBundle> latestReports = new TreeMap<>();
    private final Map<String, ItemSummary> latestSummaries = new TreeMap<>();
    private final Map<String, UnmatchedSummary> latestUnmatched = new TreeMap<>();

    /** With VADER, whose numbers the tests of the rules were written with (the tuned model has a test of its own). */
    PulseDriver() {
        this(new CommentScorer(Sentiment.Model.VADER));
    }

    PulseDriver(Function<Comment, Sentiment> scorer) {
        this(CONFIG, scorer);
    }

    /** With other settings on top of {@link #CONFIG}'s. */
    PulseDriver(Map<String, String> settings) {
        this(withSettings(settings), new CommentScorer(Sentiment.Model.VADER));
    }

    private static PulseConfig withSettings(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("emit.interval", "100ms", "partitions", "2", "author.secret", "driver-secret"));
        all.putAll(settings);
        return PulseConfig.fromSettings(all);
    }

    private PulseDriver(PulseConfig config, Function<Comment, Sentiment> scorer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-driver-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        stateDir = tempDirectory();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.getPath());
        driver = new TopologyTestDriver(PulseTopology.build(config, scorer), props, Instant.parse("2026-01-01T00:00:00Z"));
        meetings = input(Topics.MEETINGS);
        agenda = input(Topics.AGENDA);
        comments = input(Topics.COMMENTS_RAW);
        moderation = input(Topics.MODERATION);
        rawComments = rawInput(Topics.COMMENTS_RAW);
        rawMeetings = rawInput(Topics.MEETINGS);
        rawAgenda = rawInput(Topics.AGENDA);
        rawModeration = rawInput(Topics.MODERATION);
        summaries = output(Topics.SUMMARIES);
        unmatched = output(Topics.UNMATCHED);
        deadLetters = output(Topics.DLQ);
        scored = output(Topics.COMMENTS_SCORED);
        alerts = output(Topics.ALERTS);
        views = output(Topics.VIEWS);
        reports = output(Topics.REPORTS);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static File tempDirectory() {
        try {
            return Files.createTempDirectory("pulse-driver").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestInputTopic<String, byte[]> rawInput(Topic<String, ?> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /**
     * From now on every record is stamped as a producer stamps it, with the time it was sent: {@code first},
     * then {@code step} later for each further record (an archive replayed days after the meeting).
     */
    void sendingFrom(Instant first, Duration step) {
        this.nextSendTime = first;
        this.sendStep = step;
    }

    private Instant stamp(Instant eventTime) {
        if (nextSendTime == null) {
            return eventTime;
        }
        Instant sent = nextSendTime;
        nextSendTime = nextSendTime.plus(sendStep);
        return sent;
    }

    void publish(Meeting meeting) {
        meetings.pipeInput(meeting.meetingId(), meeting, stamp(meeting.scheduledStart().minus(Duration.ofDays(1))));
    }

    void agenda(String meetingId, AgendaEventType type, String itemId, Instant at) {
        agenda.pipeInput(meetingId, new AgendaEvent(meetingId, type, itemId, at, "clerk"), stamp(at));
    }

    void hide(String meetingId, String commentId, boolean hide, Instant at) {
        moderation.pipeInput(meetingId, new ModerationEvent(meetingId, commentId,
                hide ? ModerationEvent.Action.HIDE : ModerationEvent.Action.SHOW, at, "clerk"), at);
    }

    void moderate(String meetingId, String commentId, ModerationEvent.Action action, Instant at) {
        moderation.pipeInput(meetingId, new ModerationEvent(meetingId, commentId, action, at, "clerk"), at);
    }

    void erase(String meetingId, String commentId, Instant at) {
        moderation.pipeInput(meetingId, new ModerationEvent(meetingId, commentId, ModerationEvent.Action.ERASE, at, "erase"), at);
    }

    void comment(Comment comment) {
        comments.pipeInput(comment.key(), comment, stamp(comment.receivedAt() != null ? comment.receivedAt() : comment.createdAt()));
    }

    /** A record as any producer may write it, on one of the input topics. */
    void raw(Topic<String, ?> topic, String key, byte[] value, Instant timestamp) {
        TestInputTopic<String, byte[]> input = topic.equals(Topics.MEETINGS) ? rawMeetings : topic.equals(Topics.AGENDA) ? rawAgenda
                : topic.equals(Topics.MODERATION) ? rawModeration : rawComments;
        input.pipeInput(key, value, timestamp);
    }

    void raw(String key, byte[] value, Instant timestamp) {
        rawComments.pipeInput(key, value, timestamp);
    }

    void rawMeeting(String key, String json) {
        rawMeetings.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), Fixtures.START);
    }

    void rawAgenda(String key, String json) {
        rawAgenda.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), Fixtures.START);
    }

    /** Lets the emit interval pass, so that every changed item publishes its summary. */
    void emit() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        summaries.readRecordsToList().forEach(r -> latestSummaries.put(r.key(), r.value()));
        unmatched.readRecordsToList().forEach(r -> latestUnmatched.put(r.key(), r.value()));
        views.readRecordsToList().forEach(r -> latestViews.put(r.key(), r.value()));
        reports.readRecordsToList().forEach(r -> latestReports.put(r.key(), r.value()));
    }

    /** The latest view of a meeting, as a reader of the compacted pulse.views sees it. */
    MeetingView view(String meetingId) {
        emit();
        return latestViews.get(meetingId);
    }

    /** The latest record of a meeting on pulse.reports, or null. */
    ReportBundle report(String meetingId) {
        emit();
        return latestReports.get(meetingId);
    }

    /** The latest summary per key, as a reader of the compacted topic sees it. */
    Map<String, ItemSummary> summaries() {
        emit();
        return latestSummaries;
    }

    ItemSummary summary(String meetingId, String itemId) {
        return summaries().get(ItemSummary.key(meetingId, itemId));
    }

    Map<String, UnmatchedSummary> unmatched() {
        emit();
        return latestUnmatched;
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<ScoredComment> scored() {
        return scored.readValuesToList();
    }

    /** Lets wall-clock time pass: retention frees state on the wall clock. */
    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
        emit();
    }

    /** Entries and bytes (keys and values as stored) of a state store. */
    long[] storeSize(String name) {
        KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
        long entries = 0;
        long bytes = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                entries++;
                bytes += keyBytes(entry.key) + valueBytes(entry.value);
            }
        }
        return new long[] {entries, bytes};
    }

    private static long keyBytes(Object key) {
        if (key instanceof PlacedKey placed) {
            return PlacedKey.SERDE.serializer().serialize(null, placed).length;
        }
        if (key instanceof HeldKey held) {
            return HeldKey.SERDE.serializer().serialize(null, held).length;
        }
        if (key instanceof PairKey pair) {
            return PairKey.SERDE.serializer().serialize(null, pair).length;
        }
        return key.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long valueBytes(Object value) {
        if (value instanceof Long) {
            return Long.BYTES;
        }
        return Binary.of((Class) value.getClass()).toBytes(value).length;
    }

    @Override
    public void close() {
        driver.close();
        try {
            Utils.delete(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
