package org.chamberpulse.topology;

import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The copies of one text (case, spaces and links ignored) in one meeting, by every author, earliest
 * first. Which of them count is a function of this set alone, so it does not depend on the order in
 * which they arrived:
 * <ul>
 *   <li>rule 4: an author's copies count once, the earliest;</li>
 *   <li>a <em>coordinated burst</em>: copies of a distinctive text (at least six words: Text.isDistinctive) no
 *       more than {@link #BURST_GAP} apart, chained, by at least {@link #BURST_AUTHORS} different authors, are
 *       one burst. The burst counts as one comment, its earliest copy; every copy in it carries the flag
 *       "burst". Short reactions ("Well said") from many people each count: that is agreement.</li>
 * </ul>
 */
record Copies(List<Standing> copies) {

    static final Copies NONE = new Copies(List.of());
    private static final Decision NOTHING = new Decision(Set.of(), Set.of());
    static final int BURST_AUTHORS = 5;
    static final Duration BURST_GAP = Duration.ofMinutes(10);

    /** Earliest first, then by id. */
    static final Comparator<Standing> ORDER = Comparator.<Standing>comparingLong(copy -> copy.createdAt)
            .thenComparing(copy -> copy.id);

    /** Which copies count and which belong to a burst. */
    record Decision(Set<String> counted, Set<String> burst) {
    }

    Copies with(Standing copy) {
        if (copies.contains(copy)) {
            return this;
        }
        List<Standing> more = new ArrayList<>(copies);
        more.add(copy);
        more.sort(ORDER);
        return new Copies(List.copyOf(more));
    }

    Copies without(Standing copy) {
        List<Standing> fewer = new ArrayList<>(copies);
        fewer.remove(copy);
        return new Copies(List.copyOf(fewer));
    }

    boolean isEmpty() {
        return copies.isEmpty();
    }

    Decision decide() {
        // Most texts have no copy but themselves: decided without building the groups.
        if (copies.isEmpty()) {
            return NOTHING;
        }
        if (copies.size() == 1) {
            return new Decision(Set.of(copies.get(0).id), Set.of());
        }
        Set<String> counted = new HashSet<>();
        Set<String> burst = new HashSet<>();
        Map<Integer, String> earliestByAuthor = new LinkedHashMap<>();
        List<List<Standing>> groups = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (Standing copy : copies) {
            if (groups.isEmpty() || copy.createdAt - previous > BURST_GAP.toMillis()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(copy);
            previous = copy.createdAt;
            earliestByAuthor.putIfAbsent(copy.author, copy.id);
        }
        counted.addAll(earliestByAuthor.values());
        for (List<Standing> group : groups) {
            Set<Integer> authors = new HashSet<>();
            group.forEach(copy -> authors.add(copy.author));
            if (authors.size() >= BURST_AUTHORS && group.get(0).distinctive) {
                group.forEach(copy -> {
                    burst.add(copy.id);
                    counted.remove(copy.id);
                });
                counted.add(group.get(0).id);
            }
        }
        return new Decision(counted, burst);
    }
}
