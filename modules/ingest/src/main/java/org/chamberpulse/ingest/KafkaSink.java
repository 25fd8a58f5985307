package org.chamberpulse.ingest;

import java.util.concurrent.atomic.AtomicLong;
import org.chamberpulse.ingest.sources.CommentSink;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Source clients' comments to {@code pulse.comments.raw}, keyed by id; failures are logged, never silent. */
public final class KafkaSink implements CommentSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);

    private final PulseProducer producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public KafkaSink(PulseProducer producer) {
        this.producer = producer;
    }

    @Override
    public void accept(Comment comment) {
        producer.send(Topics.COMMENTS_RAW, comment.key(), comment, (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                log.error("a comment could not be written to Kafka: {}", error.getMessage());
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }
}
