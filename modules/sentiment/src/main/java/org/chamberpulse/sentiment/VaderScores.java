package org.chamberpulse.sentiment;

/**
 * Four numbers of one text: VADER's, rounded as the reference rounds (proportions to 3 places, compound to 4),
 * or the tuned model's (see {@link Analysis}), rounded the same way.
 */
public record VaderScores(double neg, double neu, double pos, double compound) {
}
