package org.chamberpulse.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step on a public input topic. Values are read here rather than by the source's serde, so
 * that a record that cannot be read becomes a dead letter with its reason instead of stopping the topology.
 */
abstract class Intake<T> implements Processor<String, byte[], String, Outcome<T>> {

    private ProcessorContext<String, Outcome<T>> context;

    @Override
    public final void init(ProcessorContext<String, Outcome<T>> context) {
        this.context = context;
    }

    @Override
    public final void process(Record<String, byte[]> record) {
        try {
            read(record);
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
        }
    }

    abstract void read(Record<String, byte[]> record);

    // Type arguments spelled out: CI's javac once failed to infer the diamond nested in forward's own generics.
    final void forward(String key, T value, long timestamp) {
        context.forward(new Record<String, Outcome<T>>(key, Outcome.of(value), timestamp));
    }

    final void deadLetter(Record<String, byte[]> record, String reason) {
        context.forward(new Record<String, Outcome<T>>(record.key(),
                Outcome.<T>dead(DeadLetters.of(reason, context.recordMetadata(), record.timestamp(), record.value())),
                record.timestamp()));
    }
}
