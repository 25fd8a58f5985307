package org.chamberpulse.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.MeetingWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one meeting's report from Kafka, whatever the history held there. A final meeting (its view names
 * its record) is read from its record on {@code pulse.reports}, found by the record's time: the same bytes
 * for good, whatever has expired since. A meeting not final yet is read from its view ({@code pulse.views}:
 * definition, agenda, summaries) and its placed comments on {@code pulse.comments.scored}, from the start of
 * its window on. Only the partition that holds the meeting's key is read; committed records only.
 */
public final class ReportReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportReader.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    /** Comments placed in a meeting are stamped no earlier than its window's start; a day's margin for windows that moved. */
    private static final Duration COMMENTS_BEFORE_WINDOW = Duration.ofDays(1);

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
    private final Pseudonyms ids;

    public ReportReader(PulseConfig config, String bootstrapServers, Progress progress, Clock clock) {
        Properties props = KafkaClients.committedReader(config, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-report");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.clock = clock;
        this.ids = Pseudonyms.fromConfig(config);
    }

    /** @throws ReportException when the meeting has no view on {@code pulse.views} or Kafka cannot be read */
    public ReportData read(String meetingId) {
        return read(view(meetingId));
    }

    /** The report of a meeting whose view the caller holds (a dashboard follows them all). */
    public ReportData read(MeetingView view) {
        return readAsStored(view).withPublicIds(ids::publicId);
    }

    private ReportData readAsStored(MeetingView view) {
        // A record is the report only while the meeting is adjourned: one reopened after it goes on, provisionally.
        if (view.report() != null && view.adjournedAt() != null) {
            ReportBundle bundle = record(view.meetingId(), view.report());
            if (bundle != null) {
                return ReportData.of(bundle);
            }
            log.warn("the record of {} (version {}) was not found on {}; the report is made from the view", view.meetingId(), view.report().version(),
                    Topics.REPORTS.name());
        }
        MeetingTimeline timeline = new MeetingTimeline(view.meetingId(), view.meeting(), view.events());
        Instant from = timeline.window().map(MeetingWindow::start).orElse(view.meeting().scheduledStart()).minus(COMMENTS_BEFORE_WINDOW);
        Map<String, ScoredComment> comments = new LinkedHashMap<>();
        readPartition(Topics.COMMENTS_SCORED, view.meetingId(), from, (record, scored) -> {
            if (scored == null || scored.comment() == null || scored.comment().id() == null) {
                return true;
            }
            if (scored.itemId() == null || !view.meetingId().equals(scored.meetingId())) {
                comments.remove(scored.comment().id());
            } else {
                comments.put(scored.comment().id(), scored);
            }
            return true;
        });
        Map<String, ItemSummary> summaries = new LinkedHashMap<>();
        view.items().forEach(item -> summaries.put(item.itemId(), item));
        return ReportData.of(timeline, summaries, List.copyOf(comments.values()), clock.instant());
    }

    /** The latest view of a meeting on {@code pulse.views}. @throws ReportException when it has none */
    public MeetingView view(String meetingId) {
        MeetingView[] latest = {null};
        readPartition(Topics.VIEWS, meetingId, null, (record, view) -> {
            latest[0] = view;
            return true;
        });
        if (latest[0] == null || latest[0].meeting() == null) {
            TreeSet<String> there = new TreeSet<>();
            readAll(Topics.VIEWS, (record, view) -> {
                if (view == null) {
                    there.remove(record.key());
                } else {
                    there.add(record.key());
                }
            });
            throw new ReportException("There is no meeting \"" + meetingId + "\" on " + Topics.VIEWS.name() + " at " + bootstrapServers
                    + (there.isEmpty() ? " (it holds no meetings at all)." : ". Meetings there: " + String.join(", ", there.stream().limit(20).toList())));
        }
        return latest[0];
    }

    /** The record named by the view, found by its time; null when it is not there (deleted by hand). */
    private ReportBundle record(String meetingId, MeetingView.ReportRef report) {
        ReportBundle[] found = {null};
        readPartition(Topics.REPORTS, meetingId, report.at(), (record, bundle) -> {
            if (bundle != null && bundle.version() >= report.version()) {
                found[0] = bundle;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /**
     * Reads the records of {@code key} in the partition that holds it, from the first stamped at or after
     * {@code from} (null: from the beginning) to the end the partition had when reading began, until
     * {@code each} says to stop.
     */
    private <V> void readPartition(Topic<String, V> topic, String key, Instant from, RecordReader<V> each) {
        List<TopicPartition> partitions = partitionsOf(topic.name());
        TopicPartition partition = partitions.get(partitionOf(key, partitions.size()));
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        long begin;
        if (from == null) {
            begin = consumer.beginningOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        } else {
            OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(partition, from.toEpochMilli()), METADATA_TIMEOUT).get(partition);
            begin = at == null ? end : at.offset();
        }
        consumer.seek(partition, begin);
        long nextReport = 0;
        boolean more = true;
        while (more && consumer.position(partition, METADATA_TIMEOUT) < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() >= end || !key.equals(record.key())) {
                    continue;
                }
                V value;
                try {
                    value = record.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                } catch (SerializationException e) {
                    log.debug("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                    continue;
                }
                if (!each.read(record, value)) {
                    more = false;
                    break;
                }
            }
            long now = clock.millis();
            if (now >= nextReport) {
                progress.reading(topic.name(), Math.min(consumer.position(partition, METADATA_TIMEOUT), end) - begin, end - begin, false);
                nextReport = now + PROGRESS_EVERY.toMillis();
            }
        }
        progress.reading(topic.name(), end - begin, end - begin, true);
    }

    /** Every record of a topic, for the list of the meetings there are (only when one asked for is not). */
    private <V> void readAll(Topic<String, V> topic, BiConsumer<ConsumerRecord<String, byte[]>, V> each) {
        List<TopicPartition> partitions = partitionsOf(topic.name());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        List<TopicPartition> open = new ArrayList<>(partitions);
        open.removeIf(p -> consumer.position(p, METADATA_TIMEOUT) >= ends.get(p));
        while (!open.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.key() == null || record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                try {
                    each.accept(record, record.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                } catch (SerializationException e) {
                    log.debug("skipped an unreadable record: {}", e.getMessage());
                }
            }
            open.removeIf(p -> consumer.position(p, METADATA_TIMEOUT) >= ends.get(p));
        }
    }

    /** The partition a Java producer (the topology's) puts a key in: murmur2 of its bytes, as Kafka's default partitioner. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @FunctionalInterface
    private interface RecordReader<V> {
        /** @return whether to go on reading */
        boolean read(ConsumerRecord<String, byte[]> record, V value);
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
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
