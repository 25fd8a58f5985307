package org.chamberpulse.report;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.TimelineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one meeting's report from Kafka: each topic from its beginning to the end it had when reading
 * started (committed records only), keeping the latest record per key. Values are decoded only for the
 * meeting's own keys, so a busy cluster with many meetings costs little more than reading the bytes.
 */
public final class ReportReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportReader.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /** What the reader has done so far, for the clerk waiting at a terminal. */
    public interface Progress {
        /** @param read how far into the topic the reader is, of {@code total} (offsets: transaction markers count) */
        void reading(String topic, long read, long total, boolean done);

        Progress NONE = (topic, read, total, done) -> { };
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String bootstrapServers;
    private final Progress progress;
    private final Clock clock;

    public ReportReader(PulseConfig config, String bootstrapServers, Progress progress, Clock clock) {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-report");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.clock = clock;
    }

    /** @throws ReportException when the meeting is not on {@code pulse.meetings} or Kafka cannot be read */
    public ReportData read(String meetingId) {
        Map<String, Meeting> meetings = new LinkedHashMap<>();
        readRecords(Topics.MEETINGS, key -> true, (record, meeting) -> {
            if (meeting == null || !record.key().equals(meeting.meetingId()) || Validation.meetingProblem(meeting).isPresent()) {
                meetings.remove(record.key());
            } else {
                meetings.put(record.key(), meeting);
            }
        });
        Meeting meeting = meetings.get(meetingId);
        if (meeting == null) {
            throw new ReportException("There is no meeting \"" + meetingId + "\" on " + Topics.MEETINGS.name() + " at " + bootstrapServers
                    + (meetings.isEmpty() ? " (it holds no meetings at all)." : ". Meetings there: " + String.join(", ", new TreeSet<>(meetings.keySet()).stream().limit(20).toList())));
        }

        List<TimelineEvent> events = new ArrayList<>();
        readRecords(Topics.AGENDA, meetingId::equals, (record, event) -> {
            if (event != null && meetingId.equals(event.meetingId()) && Validation.agendaProblem(event).isEmpty()) {
                events.add(TimelineEvent.of(event, record.timestamp()));
            }
        });
        MeetingTimeline timeline = new MeetingTimeline(meetingId, meeting, List.of());
        for (TimelineEvent event : events) {
            timeline = timeline.withEvent(event);
        }

        String summaryPrefix = meetingId + "/";
        Map<String, ItemSummary> summaries = new HashMap<>();
        readRecords(Topics.SUMMARIES, key -> key.startsWith(summaryPrefix), (record, summary) -> {
            String itemId = record.key().substring(summaryPrefix.length());
            if (summary == null) {
                summaries.remove(itemId);
            } else if (meetingId.equals(summary.meetingId())) {
                summaries.put(itemId, summary);
            }
        });

        Map<String, ScoredComment> comments = new LinkedHashMap<>();
        readRecords(Topics.COMMENTS_SCORED, meetingId::equals, (record, scored) -> {
            if (scored == null || scored.comment() == null || scored.comment().id() == null) {
                return;
            }
            if (scored.itemId() == null || !meetingId.equals(scored.meetingId())) {
                comments.remove(scored.comment().id());
            } else {
                comments.put(scored.comment().id(), scored);
            }
        });
        return ReportData.of(timeline, summaries, List.copyOf(comments.values()), clock.instant());
    }

    private <V> void readRecords(Topic<String, V> topic, Predicate<String> keys, BiConsumer<ConsumerRecord<String, byte[]>, V> each) {
        List<TopicPartition> partitions = partitionsOf(topic.name());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
        long total = partitions.stream().mapToLong(p -> ends.get(p) - begins.get(p)).sum();
        long skipped = 0;
        long nextReport = 0;
        List<TopicPartition> open = new ArrayList<>(partitions.stream().filter(p -> ends.get(p) > begins.get(p)).toList());
        while (!open.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(partition)) {
                    continue;
                }
                if (record.key() == null || !keys.test(record.key())) {
                    continue;
                }
                try {
                    each.accept(record, record.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                } catch (SerializationException e) {
                    skipped++;
                    log.debug("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                }
            }
            open.removeIf(p -> consumer.position(p, METADATA_TIMEOUT) >= ends.get(p));
            long now = clock.millis();
            if (now >= nextReport && !open.isEmpty()) {
                // Offsets rather than records: transaction markers take offsets too, and the reader must reach the end.
                long read = partitions.stream().mapToLong(p -> Math.min(consumer.position(p, METADATA_TIMEOUT), ends.get(p)) - begins.get(p)).sum();
                progress.reading(topic.name(), read, total, false);
                nextReport = now + PROGRESS_EVERY.toMillis();
            }
        }
        progress.reading(topic.name(), total, total, true);
        if (skipped > 0) {
            log.warn("{} unreadable records of the meeting on {} were left out", skipped, topic.name());
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            throw new ReportException("Kafka at " + bootstrapServers + " did not answer within " + METADATA_TIMEOUT.toSeconds() + " s; is it running?", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new ReportException("Kafka at " + bootstrapServers + " has no topic " + topic + "; has ChamberPulse run against this cluster?");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
