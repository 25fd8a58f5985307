package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClerkSessionsTest {

    private static final Instant T = Instant.parse("2026-11-27T18:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final ClerkSessions sessions = new ClerkSessions(Map.of("ada", Passwords.hash("right".toCharArray()),
            "bob", Passwords.hash("also right".toCharArray())), clock);

    @Test
    void shouldRefuseAUserAfterFiveFailuresUntilTheyLeaveTheWindow() {
        // given
        for (int i = 0; i < LoginThrottle.FAILURES_PER_USER; i++) {
            assertThat(sessions.login("ada", "wrong".toCharArray(), "10.0.0." + i).throttled()).isFalse();
            clock.advance(Duration.ofSeconds(10));
        }

        // when
        ClerkSessions.Attempt right = sessions.login("ada", "right".toCharArray(), "10.0.0.99");

        // then: even the right password waits, until the first failure is 15 minutes old
        assertThat(right.throttled()).isTrue();
        assertThat(right.session()).isEmpty();
        assertThat(right.retryAfter()).isEqualTo(LoginThrottle.WINDOW.minusSeconds(50));
        assertThat(sessions.login("bob", "also right".toCharArray(), "10.0.0.99").session()).isPresent();
        clock.advance(right.retryAfter());
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.99").session()).isPresent();
    }

    @Test
    void shouldRefuseAnAddressThatGuessesManyNames() {
        // given
        for (int i = 0; i < LoginThrottle.FAILURES_PER_ADDRESS; i++) {
            sessions.login("name" + i, "guess".toCharArray(), "203.0.113.7");
        }

        // when
        ClerkSessions.Attempt fromThere = sessions.login("ada", "right".toCharArray(), "203.0.113.7");
        ClerkSessions.Attempt fromElsewhere = sessions.login("ada", "right".toCharArray(), "198.51.100.1");

        // then
        assertThat(fromThere.throttled()).isTrue();
        assertThat(fromElsewhere.session()).isPresent();
    }

    @Test
    void shouldForgetFailuresOnceTheUserLogsIn() {
        // given
        for (int i = 0; i < LoginThrottle.FAILURES_PER_USER - 1; i++) {
            sessions.login("ada", "wrong".toCharArray(), "10.0.0.1");
        }
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.1").session()).isPresent();

        // when
        ClerkSessions.Attempt slip = sessions.login("ada", "wrong".toCharArray(), "10.0.0.1");

        // then
        assertThat(slip.throttled()).isFalse();
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.1").session()).isPresent();
    }

    private static final class MovableClock extends Clock {
        private Instant now = T;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
