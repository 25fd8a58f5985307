package org.chamberpulse.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chamberpulse.model.Text;

/**
 * Failed logins, and the waits they earn, per (address, user name) and per address. A wait grows with the
 * failures: after {@link #FREE_PAIR_FAILURES} wrong passwords for one name from one address, 5 s, then
 * doubling up to 15 minutes; after {@link #FREE_ADDRESS_FAILURES} from one address for any names, 30 s,
 * doubling likewise. A waiting attempt is refused before its password is checked (no PBKDF2 work for a
 * flood). Failures are forgotten 15 minutes after the last. Nothing counts per user name alone, so that
 * nobody can lock the clerk out: the right password from an address that has not failed is never refused
 * (a slow guesser from many addresses meets the hashing cost and the audit log instead). At most
 * {@link #TRACKED} pairs and addresses are remembered, the least recently failed forgotten first.
 */
final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int FREE_PAIR_FAILURES = 3;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration FIRST_PAIR_WAIT = Duration.ofSeconds(5);
    static final Duration FIRST_ADDRESS_WAIT = Duration.ofSeconds(30);
    static final int TRACKED = 100_000;

    /** Failures in a row and when the last was (epoch ms). */
    private record Failures(int count, long last) {
    }

    private final Map<String, Failures> failures = new LinkedHashMap<>(1024, 0.75f, true);
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user at this address must wait before trying again; zero when they may try now. */
    synchronized Duration waitFor(String user, String address) {
        long now = clock.millis();
        long byPair = waitFor(pair(user, address), FREE_PAIR_FAILURES, FIRST_PAIR_WAIT, now);
        long byAddress = waitFor(address(address), FREE_ADDRESS_FAILURES, FIRST_ADDRESS_WAIT, now);
        return Duration.ofMillis(Math.max(byPair, byAddress));
    }

    synchronized void failed(String user, String address) {
        long now = clock.millis();
        record(pair(user, address), now);
        record(address(address), now);
        while (failures.size() > TRACKED) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized void succeeded(String user, String address) {
        failures.remove(pair(user, address));
    }

    synchronized int tracked() {
        return failures.size();
    }

    private long waitFor(String key, int free, Duration firstWait, long now) {
        Failures f = failures.get(key);
        if (f == null || f.last() + WINDOW.toMillis() <= now || f.count() < free) {
            return 0;
        }
        long wait = Math.min(WINDOW.toMillis(), firstWait.toMillis() << Math.min(20, f.count() - free));
        return Math.max(0, f.last() + wait - now);
    }

    private void record(String key, long now) {
        Failures before = failures.get(key);
        int count = before == null || before.last() + WINDOW.toMillis() <= now ? 1 : before.count() + 1;
        failures.put(key, new Failures(count, now));
    }

    private static String pair(String user, String address) {
        return address + "\n" + Text.forLog(user);
    }

    private static String address(String address) {
        return address + "\n";
    }
}
