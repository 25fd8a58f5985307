package org.chamberpulse.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins, counted per user name and per client address over a sliding window: past the limit, a
 * login is refused before its password is even checked (so a flood of guesses costs no PBKDF2 work)
 * until the oldest failure leaves the window. A success clears the user's failures.
 */
final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int FAILURES_PER_USER = 5;
    static final int FAILURES_PER_ADDRESS = 20;
    /** Beyond this many tracked names and addresses, the expired ones are dropped at once. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user at this address must wait before trying again; zero when they may try now. */
    Duration waitFor(String user, String address) {
        Instant now = clock.instant();
        Duration byUser = waitFor("user:" + user, FAILURES_PER_USER, now);
        Duration byAddress = waitFor("address:" + address, FAILURES_PER_ADDRESS, now);
        return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        record("user:" + user, now);
        record("address:" + address, now);
        if (failures.size() > PRUNE_ABOVE) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    expire(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private Duration waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            // Free again once enough of the failures have left the window.
            Instant freed = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(WINDOW);
            return Duration.between(now, freed);
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
    }

    private static void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }
}
