package org.chamberpulse.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.RetriableException;
import org.chamberpulse.ingest.sources.CommentSink;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source clients' comments to {@code pulse.comments.raw}, keyed by id. While the broker is away the
 * producer buffers; a send that still fails for a reason that passes (no metadata yet, a full buffer)
 * is sent again a second later, for as long as it takes: a comment read is never dropped. A send that
 * failed was never written, so sending it again cannot double it.
 */
public final class KafkaSink implements CommentSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final PulseProducer producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-sink-retry");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaSink(PulseProducer producer) {
        this.producer = producer;
    }

    @Override
    public void accept(Comment comment) {
        pending.incrementAndGet();
        send(comment, 1);
    }

    private void send(Comment comment, int attempt) {
        producer.send(Topics.COMMENTS_RAW, comment.key(), comment, (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
                pending.decrementAndGet();
            } else if (error instanceof RetriableException) {
                if (attempt == 1) {
                    log.warn("Kafka is not taking comments ({}); holding them and trying again", error.getMessage());
                }
                retries.schedule(() -> send(comment, attempt + 1), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                failed.incrementAndGet();
                pending.decrementAndGet();
                log.error("a comment could not be written to Kafka: {}", error.getMessage());
            }
        });
    }

    /** Returns once every comment accepted so far is written (or failed for good). */
    @Override
    public void flush() {
        producer.flush();
        while (pending.get() > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            producer.flush();
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
