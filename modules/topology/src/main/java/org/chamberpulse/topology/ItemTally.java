package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongRBTreeMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.chamberpulse.model.Sentiment;

/**
 * The running figures of one item, as counters that take deltas, so that a comment moves in or out of the
 * item in constant time: totals, sentiment, per-author, per-minute, per-hashtag and per-term counts, the
 * moods of its minutes, and the counted comments in time order (first and last, and the quotes).
 * Derived from the comments held for the meeting; never stored itself. Counters are primitives updated in
 * place: no boxed value or record is allocated for a comment.
 */
final class ItemTally {


    long count;
    long reposts;
    long flagged;
    long compoundSumE4;
    long positive;
    long neutral;
    long negative;
    long unscored;
    /** Scored comments by the model that scored them (a comment from before the field: VADER). */
    long scoredByTuned;
    long scoredByVader;
    /** Comments by author number (MeetingState). */
    final Int2IntOpenHashMap authors = new Int2IntOpenHashMap();
    /** Counted comments by minute (epoch milliseconds), in time order. */
    final Long2LongRBTreeMap minutes = new Long2LongRBTreeMap();
    /** Each minute's {@link Mood}: how many scored comments, and their compound scores summed. */
    private final Long2LongOpenHashMap moodScored = new Long2LongOpenHashMap();
    private final Long2LongOpenHashMap moodSumE4 = new Long2LongOpenHashMap();
    /** Hashtags and terms of the comments that may be quoted, with who used them. */
    final Map<String, Use> hashtags = new HashMap<>();
    final Map<String, Use> terms = new HashMap<>();
    /** The counted comments in time order (newest last; ties by id): first and last, and the quotes. */
    final InOrder counted = new InOrder();

    /** The model that scored the counted comments, as {@link org.chamberpulse.model.SentimentSummary} names it. */
    String model() {
        if (scoredByTuned > 0 && scoredByVader > 0) {
            return "tuned+vader";
        }
        if (scoredByTuned > 0) {
            return Sentiment.Model.TUNED.wireName();
        }
        return scoredByVader > 0 ? Sentiment.Model.VADER.wireName() : null;
    }

    /** Adds (+1) or takes away (-1) one comment's share. */
    void apply(Standing standing, Contribution c, int sign) {
        if (c.repost()) {
            reposts += sign;
            return;
        }
        count += sign;
        adjust(authors, standing.author, sign);
        flagged += c.flagged() ? sign : 0;
        switch (c.sentiment().label()) {
            case POSITIVE -> positive += sign;
            case NEUTRAL -> neutral += sign;
            case NEGATIVE -> negative += sign;
            case UNSCORED -> unscored += sign;
        }
        compoundSumE4 += sign * c.compoundE4();
        adjust(minutes, c.minute(), sign);
        if (c.scored()) {
            if (c.sentiment().model() == Sentiment.Model.TUNED) {
                scoredByTuned += sign;
            } else {
                scoredByVader += sign;
            }
            if (adjust(moodScored, c.minute(), sign) == 0) {
                moodSumE4.remove(c.minute());
            } else {
                moodSumE4.addTo(c.minute(), sign * c.compoundE4());
            }
        }
        c.hashtags().forEach(tag -> use(hashtags, tag, standing.author, sign));
        c.terms().forEach(term -> use(terms, term, standing.author, sign));
        if (sign > 0) {
            counted.add(standing);
        } else {
            counted.remove(standing);
        }
    }

    private static void use(Map<String, Use> uses, String word, int author, int sign) {
        Use use = uses.computeIfAbsent(word, w -> new Use());
        use.add(author, sign);
        if (use.comments == 0) {
            uses.remove(word);
        }
    }

    /**
     * How many comments used a word, and by whom: a word shows only when at least {@link #PEOPLE} different
     * people used it, so that no one person's word (a name, a slur, a private matter) is published. Exact
     * whatever the order comments come and go in: the few authors of most words in small arrays, the many of
     * a popular word in a map.
     */
    static final class Use {
        static final int PEOPLE = 3;
        private static final int SMALL = 8;
        int comments;
        private int[] authors = new int[1];
        private int[] counts = new int[1];
        private int size;
        private Int2IntOpenHashMap many;

        void add(int author, int sign) {
            comments += sign;
            if (many != null) {
                adjust(many, author, sign);
                return;
            }
            for (int k = 0; k < size; k++) {
                if (authors[k] == author) {
                    counts[k] += sign;
                    if (counts[k] == 0) {
                        size--;
                        authors[k] = authors[size];
                        counts[k] = counts[size];
                    }
                    return;
                }
            }
            if (sign < 0) {
                return;
            }
            if (size == SMALL) {
                many = new Int2IntOpenHashMap(2 * SMALL);
                for (int k = 0; k < size; k++) {
                    many.put(authors[k], counts[k]);
                }
                many.put(author, 1);
                authors = null;
                counts = null;
                return;
            }
            if (size == authors.length) {
                authors = Arrays.copyOf(authors, Math.min(SMALL, size * 2));
                counts = Arrays.copyOf(counts, authors.length);
            }
            authors[size] = author;
            counts[size++] = 1;
        }

        boolean byEnoughPeople() {
            return (many != null ? many.size() : size) >= PEOPLE;
        }
    }

    private static void adjust(Int2IntOpenHashMap counts, int author, int sign) {
        if (counts.addTo(author, sign) + sign == 0) {
            counts.remove(author);
        }
    }

    /** Adds {@code delta} to the count of {@code key}, which goes when it is 0; returns the count now. */
    static long adjust(Long2LongMap counts, long key, long delta) {
        long now = counts.get(key) + delta;
        if (now == 0) {
            counts.remove(key);
        } else {
            counts.put(key, now);
        }
        return now;
    }

    boolean isEmpty() {
        return count == 0 && reposts == 0;
    }

    long scored() {
        return positive + neutral + negative;
    }

    /** The mean compound of the scored comments; null while there are none. */
    Double meanCompound() {
        long scored = scored();
        return scored == 0 ? null : Math.round((double) compoundSumE4 / scored) / 10_000.0;
    }

    /** The scored comments of the minutes from {@code fromMinute} to {@code toMinute}, both included. */
    Mood moodBetween(long fromMinute, long toMinute) {
        Mood sum = Mood.NONE;
        for (long m = fromMinute; m <= toMinute; m += Contribution.MINUTE) {
            sum = sum.plus(new Mood(moodScored.get(m), moodSumE4.get(m)));
        }
        return sum;
    }

    Mood mood() {
        return new Mood(scored(), compoundSumE4);
    }
}
