package org.chamberpulse.topology;

import java.time.Instant;

/**
 * Keys of the state stores: parts joined by '|', times as 13-digit epoch milliseconds, so that the byte
 * order of keys is the order of meeting, then time, and a prefix or range scan reads one meeting's span.
 * Meeting ids, item ids and hashtags never hold '|' (see Validation); free text only ever comes last.
 */
final class StoreKeys {

    static final char SEPARATOR = '|';
    static final int TIME_DIGITS = 13;
    private static final long MAX_TIME = 9_999_999_999_999L;

    private StoreKeys() {
    }

    static String of(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    static String prefix(String... parts) {
        return of(parts) + SEPARATOR;
    }

    /** Instants past the 13-digit range (such as Instant.MAX, "open-ended") take the largest key. */
    static String time(Instant instant) {
        return instant.getEpochSecond() >= MAX_TIME / 1000 ? time(MAX_TIME) : time(instant.toEpochMilli());
    }

    static String time(long epochMillis) {
        long clamped = Math.max(0, Math.min(MAX_TIME, epochMillis));
        String digits = Long.toString(clamped);
        return "0".repeat(TIME_DIGITS - digits.length()) + digits;
    }

    /** The last part of a key whose last part holds no '|' (a hashtag, a term, a time). */
    static String lastPart(String key) {
        return key.substring(key.lastIndexOf(SEPARATOR) + 1);
    }
}
