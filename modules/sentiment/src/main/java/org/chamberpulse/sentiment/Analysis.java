package org.chamberpulse.sentiment;

/**
 * The sentiment of one post when it is English, or none when it is in a language the scorer does not support
 * ({@code scores} and {@code polarity} null), with the language found. From VADER, {@code scores} are its
 * own four numbers and {@code polarity} its compound at ±0.05; from the tuned model, {@code neg}, {@code neu}
 * and {@code pos} are the three class probabilities, {@code compound} is P(positive) − P(negative), and
 * {@code polarity} the most probable class.
 */
public record Analysis(VaderScores scores, Polarity polarity, String lang) {

    public boolean scored() {
        return scores != null;
    }
}
