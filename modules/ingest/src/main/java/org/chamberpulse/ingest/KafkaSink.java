package org.chamberpulse.ingest;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.RetriableException;
import org.chamberpulse.ingest.sources.CommentSink;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source clients' comments to {@code pulse.comments.raw}, keyed by id. A thread of its own hands them to
 * the producer, so a client never waits on Kafka until {@link #CAPACITY} comments are held: then it waits
 * (back-pressure) until Kafka takes them again. A send that fails for a reason that passes (no metadata
 * while the broker is away, a full buffer) is sent again after a second, for as long as it takes; a send
 * that failed was never written, so sending it again cannot double it.
 */
public final class KafkaSink implements CommentSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
    static final int CAPACITY = 100_000;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final PulseProducer producer;
    private final BlockingQueue<Comment> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final ConcurrentLinkedQueue<Comment> retries = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile long retryAfter;
    private volatile boolean running = true;
    private final Thread sender = new Thread(this::sendLoop, "kafka-sink");

    public KafkaSink(PulseProducer producer) {
        this.producer = producer;
        sender.setDaemon(true);
        sender.start();
    }

    /** Holds the comment for sending; waits while {@link #CAPACITY} comments are already held. */
    @Override
    public void accept(Comment comment) {
        pending.incrementAndGet();
        try {
            queue.put(comment);
        } catch (InterruptedException e) {
            pending.decrementAndGet();
            Thread.currentThread().interrupt();
        }
    }

    private void sendLoop() {
        while (running) {
            try {
                Comment comment = null;
                if (!retries.isEmpty() && System.nanoTime() >= retryAfter) {
                    comment = retries.poll();
                }
                if (comment == null) {
                    comment = queue.poll(100, TimeUnit.MILLISECONDS);
                }
                if (comment != null) {
                    send(comment);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("the Kafka sink failed to send: {}", e.getMessage());
            }
        }
    }

    private void send(Comment comment) {
        producer.send(Topics.COMMENTS_RAW, comment.key(), comment, (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
                pending.decrementAndGet();
            } else if (error instanceof RetriableException) {
                if (retries.isEmpty()) {
                    log.warn("Kafka is not taking comments ({}); holding them and trying again", error.getMessage());
                }
                retryAfter = System.nanoTime() + RETRY.toNanos();
                retries.add(comment);
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
        while (pending.get() > 0 && running) {
            producer.flush();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Comments accepted and not yet written. */
    public long pending() {
        return pending.get();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
