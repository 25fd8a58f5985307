package org.chamberpulse.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: a record that makes a processor throw, which validation should have caught,
 * goes to pulse.dlq with the processor and the exception as its reason, and processing goes on (a failed
 * punctuation, which has no record, still fails the thread). Without
 * it one such record would fail the stream thread again every time it was replaced: the topology would
 * stop for good on one bad record.
 */
public final class DeadLetterOnProcessingError implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            // A punctuation, not a record: there is nothing to set aside, and going on would leave its work
            // half done. The thread is replaced and resumes from its last commit, as before.
            log.error("punctuation of processor {} failed; the stream thread is replaced", context.processorNodeId(), exception);
            return Response.fail();
        }
        // The exception, not the record: a record may hold what someone wrote.
        log.error("processor {} failed on {}-{}@{}; the record goes to {} and processing goes on", context.processorNodeId(),
                context.topic(), context.partition(), context.offset(), Topics.DLQ.name(), exception);
        String reason = "processing failed in " + context.processorNodeId() + ": " + exception;
        DeadLetter dead = DeadLetters.of(reason, Optional.empty(), context.timestamp(), context.sourceRawValue());
        dead = new DeadLetter(dead.reason(), context.topic(), context.partition(), context.offset(), dead.timestamp(), dead.value(), dead.valueBase64());
        byte[] key = context.sourceRawKey();
        byte[] value = Topics.DLQ.valueSerde().serializer().serialize(Topics.DLQ.name(), dead);
        return Response.resume(List.of(new ProducerRecord<>(Topics.DLQ.name(), null, context.timestamp(), key, value)));
    }
}
