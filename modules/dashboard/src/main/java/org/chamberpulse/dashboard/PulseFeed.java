package org.chamberpulse.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the meetings, the agenda and the topology's outputs from the beginning into the {@link LiveState},
 * then follows them. It reads only committed records (the topology writes exactly once) and keeps no
 * offsets: every dashboard instance builds its whole view itself.
 */
public final class PulseFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PulseFeed.class);
    private static final List<Topic<String, ?>> TOPICS = List.of(Topics.MEETINGS, Topics.AGENDA, Topics.SUMMARIES, Topics.UNMATCHED, Topics.ALERTS, Topics.DLQ);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LiveState state;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile boolean caughtUp;

    public PulseFeed(PulseConfig config, String bootstrapServers, LiveState state) {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-dashboard");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.state = state;
        this.thread = new Thread(this::run, "pulse-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : TOPICS) {
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(60))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    /** True once the feed has read everything that was in the topics when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record);
                }
                if (records.isEmpty()) {
                    caughtUp = true;
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            switch (record.topic()) {
                case "pulse.meetings" -> {
                    Meeting meeting = read(Topics.MEETINGS, record);
                    if (meeting == null || Validation.meetingProblem(meeting).isEmpty()) {
                        state.meeting(record.key(), meeting);
                    }
                }
                case "pulse.agenda" -> {
                    AgendaEvent event = read(Topics.AGENDA, record);
                    if (event != null && Validation.agendaProblem(event).isEmpty()) {
                        state.agenda(event);
                    }
                }
                case "pulse.summaries" -> state.summary(read(Topics.SUMMARIES, record));
                case "pulse.unmatched" -> state.unmatched(read(Topics.UNMATCHED, record));
                case "pulse.alerts" -> state.alert(read(Topics.ALERTS, record));
                case "pulse.dlq" -> {
                    DeadLetter letter = read(Topics.DLQ, record);
                    if (letter != null) {
                        state.deadLetter(letter);
                    }
                }
                default -> log.warn("unexpected topic {}", record.topic());
            }
        } catch (SerializationException e) {
            // The topology sends bad meetings and agenda events to the dead-letter topic; the view skips them.
            log.debug("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static <V> V read(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
