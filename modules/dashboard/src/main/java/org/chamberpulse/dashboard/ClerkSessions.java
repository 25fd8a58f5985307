package org.chamberpulse.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chamberpulse.config.ConfigException;

/**
 * Who is logged in to the clerk console: users from configuration ({@code name:hash}), sessions held in
 * memory with a CSRF token each, ending after 12 hours. Sessions do not survive a restart and are not
 * shared between instances: put the console behind sticky sessions when there are several.
 */
public final class ClerkSessions {

    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A logged-in clerk. */
    public record Session(String id, String user, String csrfToken, Instant expires) {
    }

    private final Map<String, String> users;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LoginThrottle throttle;

    /** @param users name to password hash */
    public ClerkSessions(Map<String, String> users, Clock clock) {
        this.users = Map.copyOf(users);
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
    }

    /** Parses {@code name:hash} entries; a malformed one is a configuration error. */
    public static Map<String, String> parseUsers(List<String> entries) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || !entry.substring(colon + 1).startsWith("pbkdf2-sha256$")) {
                throw new ConfigException(
                        "clerk.users entries are name:hash, the hash made by `chamberpulse hash-password`; got one starting '"
                                + entry.substring(0, Math.min(entry.length(), 12)) + "'");
            }
            users.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return users;
    }

    /** What a login attempt came to: a session, a refusal, or a wait imposed after too many failures. */
    public record Attempt(Optional<Session> session, Duration retryAfter) {
        public boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    /** @param address the client's address: failures earn waits per (address, name) and per address, never per name alone */
    public Attempt login(String user, char[] password, String address) {
        String name = user == null ? "" : user;
        Duration wait = throttle.waitFor(name, address);
        if (!wait.isZero()) {
            return new Attempt(Optional.empty(), wait);
        }
        String hash = users.get(name);
        // Hash anyway for an unknown user, so that timing does not tell which names exist.
        boolean ok = Passwords.matches(password, hash != null ? hash : DUMMY_HASH) && hash != null;
        if (!ok) {
            throttle.failed(name, address);
            return new Attempt(Optional.empty(), Duration.ZERO);
        }
        throttle.succeeded(name, address);
        Session session = new Session(token(), name, token(), clock.instant().plus(LIFETIME));
        sessions.put(session.id(), session);
        return new Attempt(Optional.of(session), Duration.ZERO);
    }

    public Optional<Session> find(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Session session = sessions.get(sessionId);
        if (session == null || session.expires().isBefore(clock.instant())) {
            sessions.remove(sessionId);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void logout(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    private static final String DUMMY_HASH = Passwords.hash("not a password".toCharArray());

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
