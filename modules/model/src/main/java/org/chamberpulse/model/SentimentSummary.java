package org.chamberpulse.model;

/**
 * Sentiment of an item's comments: the mean compound of the scored ones, the count per label, and the model
 * that scored them ({@code "tuned"} or {@code "vader"}; {@code "tuned+vader"} when the setting changed
 * while the item ran; null when none is scored).
 */
public record SentimentSummary(Double mean, long positive, long neutral, long negative, long unscored, String model) {

    public static final SentimentSummary EMPTY = new SentimentSummary(null, 0, 0, 0, 0, null);
}
