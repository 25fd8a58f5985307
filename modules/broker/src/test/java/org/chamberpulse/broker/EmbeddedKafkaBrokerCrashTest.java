package org.chamberpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 of the JVM that runs the embedded broker (controller and broker in one) while transactions commit:
 * once started again, every transaction the crash interrupted is completed, none left hanging.
 */
@Tag("integration")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerCrashTest {

    private static final int CRASHES = 4;

    @Test
    void shouldCompleteEveryTransactionTheCrashInterruptedWhenStartedAgain(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int port = EmbeddedKafkaBroker.freePort();
        for (int crash = 1; crash <= CRASHES; crash++) {
            // given transactions committing records and a group's offsets, one after another
            Path log = dir.resolve("writer-" + crash + ".log");
            Process writer = startWriter(dir.resolve("kafka"), port, log);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> committed(log) >= 100 || !writer.isAlive());
                assertThat(writer.isAlive()).as("the writer runs: %s", Files.readString(log)).isTrue();

                // when the JVM is killed with SIGKILL at a random point of a transaction
                Thread.sleep(random.nextInt(200));
            } finally {
                writer.destroyForcibly();
                writer.waitFor(30, TimeUnit.SECONDS);
            }

            // then, started again, every group's offsets are stable and every output partition readable to its end
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port); Admin admin = broker.admin()) {
                String after = " after crash " + crash + " (seed " + seed + ")";
                await("every group's offsets stable" + after).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> everyGroupsOffsetStable(admin));
                await("every output partition read committed to its end" + after).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> outputReadableToItsEnd(admin));
            }
        }
    }

    private static Process startWriter(Path dataDir, int port, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), TransactionsUntilKilled.class.getName(), dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long committed(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("committed "))
                .mapToLong(line -> Long.parseLong(line.substring("committed ".length()))).max().orElse(0);
    }

    /** The offset fetch Kafka Streams makes: it fails while a transaction's offsets are pending. */
    private static boolean everyGroupsOffsetStable(Admin admin) throws Exception {
        for (int writer = 0; writer < TransactionsUntilKilled.WRITERS; writer++) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(TransactionsUntilKilled.group(writer),
                    new ListConsumerGroupOffsetsOptions().requireStable(true).timeoutMs(5_000)).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            if (offsets.get(new TopicPartition(TransactionsUntilKilled.INPUT, writer)) == null) {
                return false;
            }
        }
        return true;
    }

    /** A read_committed consumer stops at the first open transaction: its end is the latest offset only when none is open. */
    private static boolean outputReadableToItsEnd(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < TransactionsUntilKilled.OUTPUT_PARTITIONS; partition++) {
            latest.put(new TopicPartition(TransactionsUntilKilled.OUTPUT, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> committedEnd = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(10, TimeUnit.SECONDS);
        return latest.keySet().stream().allMatch(partition -> committedEnd.get(partition).offset() == end.get(partition).offset());
    }
}
