package org.chamberpulse.topology;

/**
 * A meeting's usual volume of comments a minute, as an exponentially weighted mean and variance of the
 * minutes before the current one (empty minutes count as zero).
 *
 * @param lastMinute the minute (epoch minutes) the baseline has reached; minutes before it are folded in
 * @param minutes    how many minutes have been folded in
 */
public record Baseline(long lastMinute, double mean, double variance, int minutes) {

    /** Weight of the newest minute: about the last six minutes carry most of the baseline. */
    static final double ALPHA = 0.3;

    static Baseline startingAt(long minute) {
        return new Baseline(minute, 0, 0, 0);
    }

    Baseline fold(long volume) {
        double difference = volume - mean;
        double newMean = mean + ALPHA * difference;
        double newVariance = (1 - ALPHA) * (variance + ALPHA * difference * difference);
        return new Baseline(lastMinute + 1, newMean, newVariance, minutes + 1);
    }

    double deviation() {
        return Math.sqrt(variance);
    }
}
