package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.ListIterator;

/**
 * An item's counted comments in {@link Copies#ORDER} (newest last; ties by id), in one sorted array: a
 * reference a comment where a tree set took an entry object of 40 bytes (docs/BENCHMARKS.md, footprint).
 * Comments mostly arrive in time order, so most go at the end; one that does not moves the newer ones up.
 */
final class InOrder {

    private final ObjectArrayList<Standing> sorted = new ObjectArrayList<>();

    void add(Standing standing) {
        int at = Collections.binarySearch(sorted, standing, Copies.ORDER);
        if (at < 0) {
            sorted.add(-at - 1, standing);
        }
    }

    void remove(Standing standing) {
        int at = Collections.binarySearch(sorted, standing, Copies.ORDER);
        if (at >= 0) {
            sorted.remove(at);
        }
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    Standing first() {
        return sorted.get(0);
    }

    Standing last() {
        return sorted.get(sorted.size() - 1);
    }

    /** Newest first, read before the next change. */
    Iterator<Standing> newestFirst() {
        ListIterator<Standing> back = sorted.listIterator(sorted.size());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return back.hasPrevious();
            }

            @Override
            public Standing next() {
                return back.previous();
            }
        };
    }
}
