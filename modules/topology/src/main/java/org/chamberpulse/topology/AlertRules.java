package org.chamberpulse.topology;

import java.time.Duration;

/**
 * When the chair hears of a change, documented in docs/ATTRIBUTION.md:
 * <ul>
 *   <li><b>Surge</b>: a minute of the meeting (by reference time) with at least {@link #SURGE_FLOOR}
 *       comments and more than the meeting's running baseline plus {@link #SURGE_SIGMAS} standard
 *       deviations, once the baseline has seen {@link #WARM_UP_MINUTES} minutes.</li>
 *   <li><b>Swing</b>: an item's mean compound over its last {@link #SWING_WINDOW_MINUTES} minutes differs
 *       from its mean before them by at least {@link #SWING_THRESHOLD}, with at least
 *       {@link #SWING_MIN_COMMENTS} scored comments on each side.</li>
 *   <li>At most one alert per kind per item in {@link #COOLDOWN} of event time.</li>
 * </ul>
 */
final class AlertRules {

    static final long SURGE_FLOOR = 10;
    static final double SURGE_SIGMAS = 3.0;
    static final int WARM_UP_MINUTES = 5;
    static final int SWING_WINDOW_MINUTES = 5;
    static final double SWING_THRESHOLD = 0.35;
    static final long SWING_MIN_COMMENTS = 8;
    static final Duration COOLDOWN = Duration.ofMinutes(5);
    /** A silence longer than this (a long recess) restarts the baseline rather than folding hundreds of zeros. */
    static final long MAX_FOLDED_MINUTES = 120;

    private AlertRules() {
    }

    static boolean surge(long volume, Baseline baseline) {
        return baseline.minutes() >= WARM_UP_MINUTES
                && volume >= SURGE_FLOOR
                && volume > baseline.mean() + SURGE_SIGMAS * baseline.deviation();
    }

    static boolean swing(Mood window, Mood before) {
        return window.scored() >= SWING_MIN_COMMENTS
                && before.scored() >= SWING_MIN_COMMENTS
                && Math.abs(window.mean() - before.mean()) >= SWING_THRESHOLD;
    }
}
