package org.chamberpulse.sentiment;

/** What VADER says of one text, rounded as the reference rounds: proportions to 3 places, compound to 4. */
public record VaderScores(double neg, double neu, double pos, double compound) {
}
