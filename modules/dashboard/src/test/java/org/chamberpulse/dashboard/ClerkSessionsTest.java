package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClerkSessionsTest {

    private static final Instant T = Instant.parse("2026-11-27T18:00:00Z");

    private final MovableClock clock = new MovableClock(T);
    private final ClerkSessions sessions = new ClerkSessions(Map.of("ada", Passwords.hash("right".toCharArray()),
            "bob", Passwords.hash("also right".toCharArray())), clock);

    @Test
    void shouldNeverLockTheClerkOutFromAnAddressThatHasNotFailed() {
        // given: someone in the gallery tries ten passwords for the well-known name, from one address
        for (int i = 0; i < 10; i++) {
            sessions.login("ada", "wrong".toCharArray(), "10.0.0.66");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(sessions.login("ada", "wrong".toCharArray(), "10.0.0.66").throttled()).isTrue();

        // when: the clerk logs in from the chamber's desk
        ClerkSessions.Attempt clerk = sessions.login("ada", "right".toCharArray(), "10.0.0.7");

        // then: at once
        assertThat(clerk.throttled()).isFalse();
        assertThat(clerk.session()).isPresent();
    }

    @Test
    void shouldMakeAGuesserFromOneAddressWaitLongerAndLonger() {
        // given: the free failures
        for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
            assertThat(sessions.login("ada", "wrong".toCharArray(), "10.0.0.66").throttled()).isFalse();
        }

        // when and then: 5 s, then 10 s, then 20 s, even for the right password from that address
        ClerkSessions.Attempt waiting = sessions.login("ada", "right".toCharArray(), "10.0.0.66");
        assertThat(waiting.throttled()).isTrue();
        assertThat(waiting.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(sessions.login("ada", "wrong".toCharArray(), "10.0.0.66").throttled()).isFalse();
        assertThat(sessions.login("ada", "wrong".toCharArray(), "10.0.0.66").retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        sessions.login("ada", "wrong".toCharArray(), "10.0.0.66");
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.66").retryAfter()).isEqualTo(Duration.ofSeconds(20));

        // and forgotten 15 minutes after the last failure
        clock.advance(LoginThrottle.WINDOW);
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.66").session()).isPresent();
    }

    @Test
    void shouldRememberABoundedNumberOfFailuresWhateverTheAddresses() {
        // given: a million addresses, each failing once, as a botnet would
        LoginThrottle throttle = new LoginThrottle(clock);

        // when
        for (int i = 0; i < 1_000_000; i++) {
            throttle.failed("clerk", "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
        }

        // then
        assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.TRACKED);
    }

    @Test
    void shouldRefuseAnAddressThatGuessesManyNames() {
        // given
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
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
        for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES - 1; i++) {
            sessions.login("ada", "wrong".toCharArray(), "10.0.0.1");
        }
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.1").session()).isPresent();

        // when
        ClerkSessions.Attempt slip = sessions.login("ada", "wrong".toCharArray(), "10.0.0.1");

        // then
        assertThat(slip.throttled()).isFalse();
        assertThat(sessions.login("ada", "right".toCharArray(), "10.0.0.1").session()).isPresent();
    }
}
