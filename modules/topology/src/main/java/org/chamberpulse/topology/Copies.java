package org.chamberpulse.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The copies of one text by one author in one meeting, earliest first, as {@code <13-digit time>|<id>}
 * entries; only the first is counted (rule 4).
 */
public record Copies(List<String> entries) {

    static final Copies NONE = new Copies(List.of());

    static String entry(long createdAtMillis, String commentId) {
        return StoreKeys.of(StoreKeys.time(createdAtMillis), commentId);
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

    String first() {
        return entries.isEmpty() ? null : entries.get(0);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
