package org.chamberpulse.ingest.sources;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one follower (a source and hashtag, or a source's shared connection) reports for metrics and health:
 * whether it is connected, how often it reconnected, the posts received and published, the last post's time,
 * upstream events it could not read, and the last problem it met.
 */
public final class SourceStats {

    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicLong connectedSince = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong lastPostMillis = new AtomicLong();
    private volatile String problem = "not connected yet";

    public void connected(long nowMillis) {
        if (!connected.getAndSet(true)) {
            connectedSince.set(nowMillis);
        }
        problem = null;
    }

    public void disconnected(String why) {
        if (connected.getAndSet(false)) {
            reconnects.incrementAndGet();
        }
        problem = why;
    }

    public void received() {
        received.incrementAndGet();
    }

    public void published(long nowMillis) {
        published.incrementAndGet();
        lastPostMillis.set(nowMillis);
    }

    public void malformed() {
        malformed.incrementAndGet();
    }

    public boolean isConnected() {
        return connected.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long receivedCount() {
        return received.get();
    }

    public long publishedCount() {
        return published.get();
    }

    public long malformedCount() {
        return malformed.get();
    }

    /** When the last post was published (epoch ms), or 0. */
    public long lastPostMillis() {
        return lastPostMillis.get();
    }

    /** Why it is not connected (null while it is). */
    public String problem() {
        return problem;
    }
}
