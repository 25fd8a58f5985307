package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A meeting as published on {@code pulse.meetings} (compacted, keyed by {@link #meetingId}). {@code language}
 * (optional, e.g. "cy") is the language its pages start in for a viewer who has chosen none (issue 21).
 */
public record Meeting(
        String meetingId,
        String title,
        String body,
        List<String> hashtags,
        Instant scheduledStart,
        String timezone,
        int broadcastDelaySeconds,
        List<AgendaItem> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) String language) {

    public Meeting {
        hashtags = hashtags == null ? List.of() : hashtags.stream().map(Text::normaliseHashtag).distinct().toList();
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A meeting without a language of its own. */
    public Meeting(String meetingId, String title, String body, List<String> hashtags, Instant scheduledStart, String timezone,
                   int broadcastDelaySeconds, List<AgendaItem> items) {
        this(meetingId, title, body, hashtags, scheduledStart, timezone, broadcastDelaySeconds, items, null);
    }

    public Optional<AgendaItem> item(String itemId) {
        return items.stream().filter(item -> item.itemId().equals(itemId)).findFirst();
    }

    /** The agenda item an {@code #item<number>} hashtag (already normalised) names, if any. */
    public Optional<AgendaItem> itemTagged(String hashtag) {
        if (!Text.isItemTag(hashtag)) {
            return Optional.empty();
        }
        String number = hashtag.substring(Text.ITEM_TAG_PREFIX.length());
        return items.stream().filter(item -> item.tagNumber().equals(number)).findFirst();
    }
}
