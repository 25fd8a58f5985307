package org.chamberpulse.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code rate} requests a second on average, bursts of up to twice that. A bucket
 * that has filled up again is the same as none, so such buckets are swept away now and then: the map holds
 * only the callers of the last few seconds, however many addresses call.
 */
public final class RateLimiter {

    private final double rate;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The most callers remembered at once. */
    static final int MAX_CALLERS = 100_000;
    /** The time a bucket takes to fill from empty: one untouched for longer is full. */
    private final long refillNanos;
    private final AtomicLong nextSweep = new AtomicLong();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public RateLimiter(int requestsPerSecond, LongSupplier nanoTime) {
        this.rate = requestsPerSecond;
        this.capacity = 2.0 * requestsPerSecond;
        this.nanoTime = nanoTime;
        this.refillNanos = (long) Math.ceil(capacity / rate * 1e9);
        this.nextSweep.set(nanoTime.getAsLong() + refillNanos);
    }

    /** Takes a token for the caller; false when the caller has none left. */
    public boolean tryAcquire(String caller) {
        long now = nanoTime.getAsLong();
        long sweep = nextSweep.get();
        boolean crowded = buckets.size() > MAX_CALLERS;
        if ((now - sweep >= 0 || crowded) && nextSweep.compareAndSet(sweep, now + refillNanos)) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return now - b.last >= refillNanos;
                }
            });
            if (buckets.size() > MAX_CALLERS) {
                // More callers within seconds than any council's system has: a flood of addresses. Forgetting them
                // lets each one burst once more, which costs less than holding them all.
                buckets.clear();
            }
        }
        Bucket bucket = buckets.computeIfAbsent(caller, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            double elapsedSeconds = (now - bucket.last) / 1e9;
            bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * rate);
            bucket.last = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Callers with a bucket now. */
    int callers() {
        return buckets.size();
    }

    /** Whole seconds until the caller has a token again, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / rate));
    }
}
