package org.chamberpulse.ingest.sources;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A server answered with a status worth waiting on (429, 5xx, 401…); {@code retryAfter} is what it asked for (zero: nothing). */
public final class UpstreamStatus extends IOException {

    /** A server asking for more than this is asked again sooner: a follower must not sleep through a meeting. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final int status;
    private final Duration retryAfter;

    public UpstreamStatus(int status, String what, Duration retryAfter) {
        super(what + " answered HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code Retry-After} in seconds or as an HTTP date, bounded; zero when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        String value = headers.firstValue("Retry-After").orElse("").strip();
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException notDate) {
                return Duration.ZERO;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
