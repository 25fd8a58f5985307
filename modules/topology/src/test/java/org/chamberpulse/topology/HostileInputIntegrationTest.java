package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.HostileInputs;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand hostile records written to pulse.comments.raw of a real broker by a plain producer: each
 * ends in pulse.dlq (found by its partition and offset) or in pulse.unmatched, and no stream thread fails.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileInputIntegrationTest {

    private static final long SEED = 99L;
    private static final int INPUTS = 10_000;

    @Test
    void shouldAccountForTenThousandHostileRecordsOnARealBroker(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = PulseConfig.fromSettings(Map.of("application.id", "hostile-it", "partitions", "3", "data.dir", dir.toString()));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            try (KafkaStreams streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, broker.bootstrapServers()))) {
                streams.setUncaughtExceptionHandler(e -> {
                    failures.add(e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                });
                streams.start();

                // when: written now, by the broker's clock, as any producer would
                List<HostileInputs.Input> inputs = new HostileInputs(SEED, Clock.systemUTC().instant(), "it").generate(INPUTS);
                Set<String> deadPositions = new HashSet<>();
                try (KafkaProducer<String, byte[]> producer = RawClients.producer(broker.bootstrapServers())) {
                    List<Future<RecordMetadata>> sends = new ArrayList<>();
                    for (HostileInputs.Input input : inputs) {
                        sends.add(producer.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), input.key(), input.value())));
                    }
                    for (int i = 0; i < inputs.size(); i++) {
                        RecordMetadata sent = sends.get(i).get();
                        if (!inputs.get(i).valid()) {
                            deadPositions.add(sent.partition() + "@" + sent.offset());
                        }
                    }
                }

                // then
                Map<String, Long> expectedUnmatched = inputs.stream().filter(HostileInputs.Input::valid)
                        .collect(Collectors.groupingBy(HostileInputs.Input::unmatchedHashtag, Collectors.counting()));
                Set<String> deadLetterPositions = new HashSet<>();
                List<DeadLetter> deadLetters = new ArrayList<>();
                Map<String, Long> unmatched = new HashMap<>();
                try (KafkaConsumer<String, byte[]> consumer = RawClients.readCommitted(broker.bootstrapServers(), "hostile-it-reader")) {
                    consumer.subscribe(List.of(Topics.DLQ.name(), Topics.UNMATCHED.name()));
                    RawClients.readUntil(consumer, Duration.ofMinutes(3), r -> {
                        if (r.topic().equals(Topics.DLQ.name())) {
                            DeadLetter dead = Topics.DLQ.valueSerde().deserializer().deserialize(r.topic(), r.value());
                            deadLetters.add(dead);
                            deadLetterPositions.add(dead.partition() + "@" + dead.offset());
                        } else {
                            UnmatchedSummary summary = Topics.UNMATCHED.valueSerde().deserializer().deserialize(r.topic(), r.value());
                            unmatched.put(r.key(), summary.count());
                        }
                    }, () -> deadLetterPositions.size() >= deadPositions.size() && unmatched.equals(expectedUnmatched));
                }
                assertThat(deadLetterPositions).as("seed %d: the records that became dead letters", SEED).isEqualTo(deadPositions);
                assertThat(deadLetters).hasSize(deadPositions.size())
                        .allSatisfy(d -> assertThat(d.reason()).isNotBlank())
                        .allSatisfy(d -> assertThat(d.topic()).isEqualTo(Topics.COMMENTS_RAW.name()));
                assertThat(unmatched).as("seed %d: unmatched counts", SEED).isEqualTo(expectedUnmatched);
                assertThat(failures).isEmpty();
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

}
