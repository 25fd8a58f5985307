package org.chamberpulse.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Valid comments carrying {@code hashtag} whose time lies in the window of no meeting that lists it,
 * on {@code pulse.unmatched} (compacted, keyed by hashtag). Counted, never dropped silently; they are
 * placed, and leave this count, if a meeting's window later comes to hold them. {@code perHour} holds the
 * posts (reposts aside) by the hour of their own time: as published, for the {@link #HOURS_KEPT} hours up to
 * the newest, so that the clerk sees what is missing now rather than since the hashtag was first seen; as the
 * topology stores it, for {@link #HOURS_REMEMBERED}.
 */
public record UnmatchedSummary(String hashtag, long count, long reposts, long version, List<HourCount> perHour) {

    public static final int HOURS_KEPT = 24;
    /**
     * The hours the topology's own record keeps, up to its newest: a post taken back (placed after all, or
     * withdrawn) gives back the hours before it exactly, whatever order the posts came in, for posts up to two
     * weeks apart. What is published is the last {@link #HOURS_KEPT} of them ({@link #lastHours()}).
     */
    public static final int HOURS_REMEMBERED = 14 * 24;

    public UnmatchedSummary {
        perHour = perHour == null ? List.of() : List.copyOf(perHour);
    }

    public static UnmatchedSummary none(String hashtag) {
        return new UnmatchedSummary(hashtag, 0, 0, 0, List.of());
    }

    /** With one post more ({@code delta} 1) or fewer (-1), posted at {@code at}. */
    public UnmatchedSummary counted(Instant at, boolean repost, int delta) {
        if (repost) {
            return new UnmatchedSummary(hashtag, count, reposts + delta, version, perHour);
        }
        TreeMap<Instant, Long> hours = new TreeMap<>();
        perHour.forEach(h -> hours.put(h.hour(), h.count()));
        hours.merge(at.truncatedTo(ChronoUnit.HOURS), (long) delta, (a, b) -> a + b <= 0 ? null : a + b);
        if (!hours.isEmpty()) {
            hours.headMap(hours.lastKey().minus(Duration.ofHours(HOURS_REMEMBERED - 1L))).clear();
        }
        List<HourCount> kept = new ArrayList<>(hours.size());
        hours.forEach((hour, n) -> kept.add(new HourCount(hour, n)));
        return new UnmatchedSummary(hashtag, count + delta, reposts, version, kept);
    }

    /** As published: the hours of the last {@link #HOURS_KEPT} up to the newest. */
    public UnmatchedSummary lastHours() {
        if (perHour.isEmpty()) {
            return this;
        }
        Instant from = perHour.get(perHour.size() - 1).hour().minus(Duration.ofHours(HOURS_KEPT - 1L));
        List<HourCount> last = new ArrayList<>(HOURS_KEPT);
        for (HourCount hour : perHour) {
            if (!hour.hour().isBefore(from)) {
                last.add(hour);
            }
        }
        return last.size() == perHour.size() ? this : new UnmatchedSummary(hashtag, count, reposts, version, last);
    }

    public UnmatchedSummary withVersion(long newVersion) {
        return new UnmatchedSummary(hashtag, count, reposts, newVersion, perHour);
    }
}
