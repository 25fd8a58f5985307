package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The sentiment of one comment. {@code compound} is null when the comment is {@link Label#UNSCORED}:
 * it is in a language the scorer does not support, so it has no score rather than a wrong one.
 */
public record Sentiment(Double compound, double neg, double neu, double pos, Label label, String lang) {

    /** Written in lower case on the wire: "positive", "neutral", "negative", "unscored". */
    public enum Label {
        @JsonProperty("positive") POSITIVE,
        @JsonProperty("neutral") NEUTRAL,
        @JsonProperty("negative") NEGATIVE,
        @JsonProperty("unscored") UNSCORED
    }

    public static final double POSITIVE_THRESHOLD = 0.05;

    /** Neutral with no score at all: what a comment carries before a scorer has seen it. */
    public static final Sentiment NONE = new Sentiment(0.0, 0.0, 1.0, 0.0, Label.NEUTRAL, null);

    public static Sentiment unscored(String lang) {
        return new Sentiment(null, 0.0, 0.0, 0.0, Label.UNSCORED, lang);
    }

    public static Label labelFor(double compound) {
        if (compound >= POSITIVE_THRESHOLD) {
            return Label.POSITIVE;
        }
        return compound <= -POSITIVE_THRESHOLD ? Label.NEGATIVE : Label.NEUTRAL;
    }
}
