package org.chamberpulse.ingest.sources;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between reconnections that grow to a ceiling, with jitter so that many clients do not retry in step. */
public final class Backoff {

    private final Duration first;
    private final Duration ceiling;
    private final boolean exponential;
    private int attempts;

    private Backoff(Duration first, Duration ceiling, boolean exponential) {
        this.first = first;
        this.ceiling = ceiling;
        this.exponential = exponential;
    }

    public static Backoff exponential(Duration first, Duration ceiling) {
        return new Backoff(first, ceiling, true);
    }

    public static Backoff linear(Duration step, Duration ceiling) {
        return new Backoff(step, ceiling, false);
    }

    /** The next wait: first, 2×first, 4×first… (or first, 2×first, 3×first…), never above the ceiling. */
    public Duration next() {
        attempts++;
        long millis = exponential ? first.toMillis() << Math.min(attempts - 1, 20) : first.toMillis() * attempts;
        long capped = Math.min(millis, ceiling.toMillis());
        long jitter = capped / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 10);
        return Duration.ofMillis(capped - jitter);
    }

    public void reset() {
        attempts = 0;
    }

    /**
     * Waits the next delay before a client reconnects; false when the thread was interrupted meanwhile
     * (its interrupt flag set again), which tells the client to stop.
     */
    public boolean pause() {
        return pause(Duration.ZERO);
    }

    /** As {@link #pause()}, but never shorter than {@code atLeast} (a server's {@code Retry-After}). */
    public boolean pause(Duration atLeast) {
        try {
            Thread.sleep(Math.max(next().toMillis(), atLeast.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
