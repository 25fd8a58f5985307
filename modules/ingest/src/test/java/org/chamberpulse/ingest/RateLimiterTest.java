package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(10, clock::get);

    @Test
    void shouldAllowABurstOfTwiceTheRateThenRefuse() {
        // when
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += limiter.tryAcquire("a") ? 1 : 0;
        }

        // then
        assertThat(allowed).isEqualTo(20);
        assertThat(limiter.tryAcquire("b")).as("another caller has its own bucket").isTrue();
    }

    @Test
    void shouldForgetCallersOnceTheirBucketsHaveFilledAgain() {
        // given: a hundred thousand addresses, each calling once, as a scan of an open API would
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("10.0." + (i >> 8) + "." + (i & 0xff));
        }

        // when: the buckets' refill time passes and one caller comes
        clock.addAndGet(2_000_000_001L);
        limiter.tryAcquire("one more");

        // then
        assertThat(limiter.callers()).isEqualTo(1);
    }

    @Test
    void shouldHoldABoundedNumberOfCallersWhenAMillionAddressesCallAtOnce() {
        // when: a million distinct addresses within the same instant
        for (int i = 0; i < 1_000_000; i++) {
            limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
        }

        // then
        assertThat(limiter.callers()).isLessThanOrEqualTo(RateLimiter.MAX_CALLERS + 1);
    }
}
