package org.chamberpulse.model;

/** Sentiment of an item's comments: the mean compound of the scored ones and the count per label. */
public record SentimentSummary(Double mean, long positive, long neutral, long negative, long unscored) {

    public static final SentimentSummary EMPTY = new SentimentSummary(null, 0, 0, 0, 0);
}
