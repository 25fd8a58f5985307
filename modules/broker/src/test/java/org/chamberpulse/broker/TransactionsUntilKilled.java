package org.chamberpulse.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded broker and, in the same JVM, read-process-write loops as Kafka Streams threads commit them:
 * records and a group's offsets in one transaction after another, several producers at once, until the
 * process is killed. Run by {@link EmbeddedKafkaBrokerCrashTest}, which kills it with SIGKILL.
 */
public final class TransactionsUntilKilled {

    /** Several, so that a kill at any moment likely finds one of them completing a transaction. */
    static final int WRITERS = 6;
    static final String INPUT = "crash.in";
    static final String OUTPUT = "crash.out";
    /**
     * More partitions than run's broker leads (some 180), each transaction writing to 50 of them: the markers of
     * a transaction take long enough to write that a kill often finds some unwritten, and the more partitions the
     * broker leads, the longer it takes to apply a change of leadership (the moment a restart could drop them).
     */
    static final int OUTPUT_PARTITIONS = 300;
    private static final int PARTITIONS_A_TRANSACTION = OUTPUT_PARTITIONS / WRITERS;

    static String group(int writer) {
        return "crash-group-" + writer;
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
        broker.createTopics(List.of(new NewTopic(INPUT, WRITERS, (short) 1), new NewTopic(OUTPUT, OUTPUT_PARTITIONS, (short) 1)));
        AtomicLong committed = new AtomicLong();
        for (int writer = 0; writer < WRITERS; writer++) {
            int id = writer;
            new Thread(() -> commitUntilKilled(broker.bootstrapServers(), id, committed), "writer-" + id).start();
        }
        while (true) {
            Thread.sleep(100);
            System.out.println("committed " + committed.get());
        }
    }

    private static void commitUntilKilled(String bootstrap, int writer, AtomicLong committed) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-writer-" + writer);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "5000");
        KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        for (long i = 1; ; i++) {
            producer.beginTransaction();
            for (int partition = writer * PARTITIONS_A_TRANSACTION; partition < (writer + 1) * PARTITIONS_A_TRANSACTION; partition++) {
                producer.send(new ProducerRecord<>(OUTPUT, partition, null, writer + ":" + i));
            }
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(INPUT, writer), new OffsetAndMetadata(i)), new ConsumerGroupMetadata(group(writer)));
            producer.commitTransaction();
            committed.incrementAndGet();
        }
    }
}
