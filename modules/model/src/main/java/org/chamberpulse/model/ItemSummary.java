package org.chamberpulse.model;

import java.time.Instant;
import java.util.List;

/**
 * The figures of one agenda item (or of the {@code pre}, {@code recess} and {@code post} buckets) on
 * {@code pulse.summaries}, keyed {@code <meetingId>/<itemId>}. The latest record per key is the truth;
 * {@code version} increases with every update of the key. {@code quotes} are the latest few comments fit
 * to show; a restricted item has none, and no terms. {@code lastReceivedAt} is the latest {@code receivedAt}
 * of the comments this record counts for the first time (null when it counts none new): where a post's
 * journey from the ingest to the chair ends, so its latency can be measured.
 */
public record ItemSummary(
        String meetingId,
        String itemId,
        String number,
        String title,
        long count,
        long reposts,
        long uniqueAuthors,
        SentimentSummary sentiment,
        List<MinuteCount> perMinute,
        List<TermCount> topHashtags,
        List<TermCount> topTerms,
        long flagged,
        boolean restricted,
        Instant firstAt,
        Instant lastAt,
        List<Quote> quotes,
        long version,
        Instant lastReceivedAt) {

    public ItemSummary {
        perMinute = perMinute == null ? List.of() : List.copyOf(perMinute);
        topHashtags = topHashtags == null ? List.of() : List.copyOf(topHashtags);
        topTerms = topTerms == null ? List.of() : List.copyOf(topTerms);
        sentiment = sentiment == null ? SentimentSummary.EMPTY : sentiment;
        quotes = quotes == null ? List.of() : List.copyOf(quotes);
    }

    public static String key(String meetingId, String itemId) {
        return meetingId + "/" + itemId;
    }

    public String key() {
        return key(meetingId, itemId);
    }
}
