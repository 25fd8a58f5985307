package org.chamberpulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The copies of one text (case, spaces and links ignored) in one meeting, by every author, earliest
 * first, as {@code <13-digit time>|<id>|<author>} entries. Which of them count is a function of this set
 * alone, so it does not depend on the order in which they arrived:
 * <ul>
 *   <li>rule 4: an author's copies count once, the earliest;</li>
 *   <li>a <em>coordinated burst</em>: copies no more than {@link #BURST_GAP} apart, chained, by at least
 *       {@link #BURST_AUTHORS} different authors, are one burst. The burst counts as one comment, its
 *       earliest copy; every copy in it carries the flag "burst".</li>
 * </ul>
 */
public record Copies(List<String> entries) {

    static final Copies NONE = new Copies(List.of());
    static final int BURST_AUTHORS = 5;
    static final Duration BURST_GAP = Duration.ofMinutes(10);
    static final String BURST = "burst";

    /** Which copies count and which belong to a burst. */
    record Decision(Set<String> counted, Set<String> burst) {
    }

    static String entry(long createdAtMillis, String commentId, String author) {
        return StoreKeys.of(StoreKeys.time(createdAtMillis), commentId, author);
    }

    Copies with(String entry) {
        List<String> more = new ArrayList<>(entries);
        if (!more.contains(entry)) {
            more.add(entry);
            more.sort(null);
        }
        return new Copies(List.copyOf(more));
    }

    Copies without(String entry) {
        List<String> fewer = new ArrayList<>(entries);
        fewer.remove(entry);
        return new Copies(List.copyOf(fewer));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Decision decide() {
        Set<String> counted = new HashSet<>();
        Set<String> burst = new HashSet<>();
        Map<String, String> earliestByAuthor = new LinkedHashMap<>();
        List<List<String[]>> groups = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (String entry : entries) {
            String[] parts = parse(entry);
            long time = Long.parseLong(parts[0]);
            if (groups.isEmpty() || time - previous > BURST_GAP.toMillis()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(parts);
            previous = time;
            earliestByAuthor.putIfAbsent(parts[2], parts[1]);
        }
        counted.addAll(earliestByAuthor.values());
        for (List<String[]> group : groups) {
            Set<String> authors = new HashSet<>();
            group.forEach(parts -> authors.add(parts[2]));
            if (authors.size() >= BURST_AUTHORS) {
                group.forEach(parts -> {
                    burst.add(parts[1]);
                    counted.remove(parts[1]);
                });
                counted.add(group.get(0)[1]);
            }
        }
        return new Decision(counted, burst);
    }

    /** time, id, author: the id may hold '|' (it is free text), so it is what lies between the first and the last. */
    private static String[] parse(String entry) {
        int first = entry.indexOf(StoreKeys.SEPARATOR);
        int last = entry.lastIndexOf(StoreKeys.SEPARATOR);
        return new String[] {entry.substring(0, first), entry.substring(first + 1, last), entry.substring(last + 1)};
    }
}
