package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MinuteCount;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.Text;
import org.chamberpulse.timeline.Buckets;

/** An item's summary as published on {@code pulse.summaries}, from its tally and its meeting's definition. */
final class Summaries {

    static final int TOP = 10;
    static final int QUOTES = 5;

    private Summaries() {
    }

    /** @param comment reads a counted comment back, for its quote */
    static ItemSummary of(MeetingState state, String itemId, long version, Instant lastReceivedAt, Function<String, ScoredComment> comment) {
        String meetingId = state.meetingId;
        Meeting meeting = state.meeting();
        ItemTally tally = state.figures.items().getOrDefault(itemId, new ItemTally());
        Optional<AgendaItem> item = meeting == null ? Optional.empty() : meeting.item(itemId);
        boolean restricted = item.map(AgendaItem::restricted).orElse(false);
        List<String> own = meeting == null ? List.of() : meeting.hashtags();
        List<MinuteCount> perMinute = new ArrayList<>();
        tally.minutes.long2LongEntrySet().forEach(minute -> perMinute.add(new MinuteCount(Instant.ofEpochMilli(minute.getLongKey()), minute.getLongValue())));
        return new ItemSummary(
                meetingId,
                itemId,
                item.map(AgendaItem::number).orElse(null),
                item.map(AgendaItem::title).orElse(Buckets.isBucket(itemId) ? Buckets.title(itemId) : itemId),
                tally.count,
                tally.reposts,
                tally.authors.size(),
                // Rule 5: a restricted item publishes counts only (comments, people, reposts, flagged).
                restricted ? SentimentSummary.EMPTY : new SentimentSummary(tally.meanCompound(), tally.positive, tally.neutral, tally.negative, tally.unscored, tally.model()),
                restricted ? List.of() : perMinute,
                restricted ? List.of() : top(tally.hashtags, tag -> !own.contains(tag) && !Text.isItemTag(tag)),
                restricted ? List.of() : top(tally.terms, term -> !own.contains(term)),
                tally.flagged,
                restricted,
                restricted || tally.counted.isEmpty() ? null : Instant.ofEpochMilli(tally.counted.first().createdAt),
                restricted || tally.counted.isEmpty() ? null : Instant.ofEpochMilli(tally.counted.last().createdAt),
                restricted ? List.of() : quotes(state, tally, comment),
                version,
                lastReceivedAt);
    }

    /** Most used first, then alphabetical. */
    private static final Comparator<TermCount> ORDER = Comparator.comparingLong(TermCount::count).reversed().thenComparing(TermCount::text);

    /**
     * The {@link #TOP} most used of the words that enough people used, kept in a small heap as the counts go
     * by rather than sorting them all.
     */
    static List<TermCount> top(Map<String, ItemTally.Use> uses, Predicate<String> wanted) {
        PriorityQueue<TermCount> best = new PriorityQueue<>(TOP + 1, ORDER.reversed());
        uses.forEach((text, use) -> {
            int count = use.comments;
            if (best.size() < TOP || count >= best.peek().count()) {
                if (use.byEnoughPeople() && wanted.test(text)) {
                    best.add(new TermCount(text, count));
                    if (best.size() > TOP) {
                        best.poll();
                    }
                }
            }
        });
        List<TermCount> top = new ArrayList<>(best);
        top.sort(ORDER);
        return top;
    }

    /** The latest counted comments of the item without flags, newest first: what the chair may read out. */
    private static List<Quote> quotes(MeetingState state, ItemTally tally, Function<String, ScoredComment> comment) {
        List<Quote> quotes = new ArrayList<>();
        Iterator<Standing> newestFirst = tally.counted.newestFirst();
        while (newestFirst.hasNext() && quotes.size() < QUOTES) {
            Standing standing = newestFirst.next();
            if (!standing.quotable()) {
                continue;
            }
            ScoredComment quoted = comment.apply(standing.id);
            var c = quoted.comment();
            quotes.add(new Quote(state.publicId(c.id()), c.text(), c.createdAt(), quoted.sentiment().label()));
        }
        return quotes;
    }
}
