package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * The sentiment of one comment. {@code compound} is null when the comment is {@link Label#UNSCORED}:
 * it is in a language the scorer does not support, so it has no score rather than a wrong one.
 * {@code model} is the model that scored it (absent when unscored; a comment scored before the field
 * existed was scored by VADER). From VADER, {@code neg}, {@code neu} and {@code pos} are its proportions
 * and the label is its compound at ±0.05; from the tuned model, they are the three class probabilities,
 * {@code compound} is P(positive) − P(negative) and the label is the most probable class.
 */
public record Sentiment(Double compound, double neg, double neu, double pos, Label label, String lang,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Model model) {

    /** Which scorer: {@code sentiment.model} in the configuration, {@code score --model} on the command line. */
    public enum Model {
        @JsonProperty("tuned") TUNED,
        @JsonProperty("vader") VADER;

        /** The better of the two on labelled tweets (docs/BENCHMARKS.md): what runs unless told otherwise. */
        public static final Model DEFAULT = TUNED;

        /** The name on the wire and in settings. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Written in lower case on the wire: "positive", "neutral", "negative", "unscored". */
    public enum Label {
        @JsonProperty("positive") POSITIVE,
        @JsonProperty("neutral") NEUTRAL,
        @JsonProperty("negative") NEGATIVE,
        @JsonProperty("unscored") UNSCORED
    }

    /** Neutral with no score at all: what a comment carries before a scorer has seen it. */
    public static final Sentiment NONE = new Sentiment(0.0, 0.0, 1.0, 0.0, Label.NEUTRAL, null, null);

    public static Sentiment unscored(String lang) {
        return new Sentiment(null, 0.0, 0.0, 0.0, Label.UNSCORED, lang, null);
    }
}
