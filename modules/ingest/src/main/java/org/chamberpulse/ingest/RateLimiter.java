package org.chamberpulse.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per caller: {@code rate} requests a second on average, bursts of up to twice that. */
public final class RateLimiter {

    private final double rate;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

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
    }

    /** Takes a token for the caller; false when the caller has none left. */
    public boolean tryAcquire(String caller) {
        long now = nanoTime.getAsLong();
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

    /** Whole seconds until the caller has a token again, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / rate));
    }
}
