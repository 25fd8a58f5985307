package org.chamberpulse.ingest.follow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.MeetingWindow;
import org.chamberpulse.timeline.TimelineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published meetings and their agenda events, read from {@code pulse.meetings} and {@code pulse.agenda}
 * from the beginning and followed: which hashtags the open windows need now (rule 1's window: 60 minutes
 * before the opening to 60 minutes after adjournment), each from the earliest start among its windows.
 */
public final class MeetingWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeetingWatch.class);

    private final Map<String, MeetingTimeline> timelines = new HashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public MeetingWatch(PulseConfig config, String bootstrapServers) {
        consumer = new KafkaConsumer<>(KafkaClients.committedReader(config, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::follow, "ingest-meetings");
        thread.setDaemon(true);
    }

    public MeetingWatch start() {
        thread.start();
        return this;
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.MEETINGS.name(), Topics.AGENDA.name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(60)).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("ingest: reading the meetings failed; no hashtag is followed anew until a restart", e);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topics.MEETINGS.name())) {
                Meeting meeting = record.value() == null ? null : Topics.MEETINGS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (meeting != null && Validation.meetingProblem(meeting).isPresent()) {
                    return;
                }
                synchronized (timelines) {
                    MeetingTimeline before = timelines.getOrDefault(record.key(), MeetingTimeline.empty(record.key()));
                    timelines.put(record.key(), before.withMeeting(meeting));
                }
            } else {
                AgendaEvent event = record.value() == null ? null : Topics.AGENDA.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (event == null || event.meetingId() == null || event.type() == null || event.at() == null) {
                    return;
                }
                synchronized (timelines) {
                    MeetingTimeline before = timelines.getOrDefault(event.meetingId(), MeetingTimeline.empty(event.meetingId()));
                    timelines.put(event.meetingId(), before.withEvent(TimelineEvent.of(event, record.timestamp())));
                }
            }
        } catch (RuntimeException e) {
            log.debug("ingest: an unreadable record on {} was skipped (the topology dead-letters it)", record.topic());
        }
    }

    /** The hashtags that open windows need at {@code now}, each with the earliest start of those windows. */
    public Map<String, Instant> wanted(Instant now) {
        Map<String, Instant> wanted = new TreeMap<>();
        synchronized (timelines) {
            for (MeetingTimeline timeline : timelines.values()) {
                MeetingWindow window = timeline.window().orElse(null);
                if (window == null || !window.holds(now)) {
                    continue;
                }
                for (String hashtag : window.hashtags()) {
                    wanted.merge(Text.normaliseHashtag(hashtag), window.start(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        return wanted;
    }

    /** The hashtags of one meeting (empty when it is unknown). */
    public List<String> hashtagsOf(String meetingId) {
        synchronized (timelines) {
            MeetingTimeline timeline = timelines.get(meetingId);
            return timeline == null || timeline.meeting() == null ? List.of() : timeline.meeting().hashtags();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
