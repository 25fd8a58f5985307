package org.chamberpulse.app.bench;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.chamberpulse.model.Topics;

/**
 * The ceiling of the throughput benchmark, as anyone would write it: a Streams app that reads
 * pulse.comments.raw and writes every record to another topic, exactly-once, Kafka Streams' defaults for
 * the rest (one thread, 100 ms commits). Runs until killed. Arguments: bootstrap, application id, state dir, topic.
 */
public final class PassThrough {

    private PassThrough() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.COMMENTS_RAW.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(args[3], Produced.with(Serdes.String(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        // Said as `run` says it: the benchmark times both from RUNNING.
        streams.setStateListener((after, before) -> System.out.println("streams " + before + " -> " + after));
        streams.start();
        Thread.currentThread().join();
    }
}
