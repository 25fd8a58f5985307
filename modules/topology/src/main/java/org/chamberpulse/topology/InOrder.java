package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An item's counted comments in {@link Copies#ORDER} (newest last; ties by id), in sorted arrays of at most
 * {@link #CHUNK} each: a reference a comment where a tree set took an entry object of 40 bytes
 * (docs/BENCHMARKS.md, footprint). Comments mostly arrive in time order and go at the end; one that does not
 * moves at most a chunk's newer ones up, so a backlog in any order stays O(log n) a comment.
 */
final class InOrder {

    static final int CHUNK = 512;

    /** In order, none empty; each chunk's comments all come before the next chunk's. */
    private final ObjectArrayList<ObjectArrayList<Standing>> chunks = new ObjectArrayList<>();

    void add(Standing standing) {
        if (chunks.isEmpty()) {
            ObjectArrayList<Standing> first = new ObjectArrayList<>();
            first.add(standing);
            chunks.add(first);
            return;
        }
        int c = chunkFor(standing);
        ObjectArrayList<Standing> chunk = chunks.get(c);
        int at = Collections.binarySearch(chunk, standing, Copies.ORDER);
        if (at >= 0) {
            return;
        }
        chunk.add(-at - 1, standing);
        if (chunk.size() > CHUNK) {
            ObjectArrayList<Standing> upper = new ObjectArrayList<>(chunk.subList(CHUNK / 2, chunk.size()));
            chunk.size(CHUNK / 2);
            chunks.add(c + 1, upper);
        }
    }

    void remove(Standing standing) {
        if (chunks.isEmpty()) {
            return;
        }
        int c = chunkFor(standing);
        ObjectArrayList<Standing> chunk = chunks.get(c);
        int at = Collections.binarySearch(chunk, standing, Copies.ORDER);
        if (at >= 0) {
            chunk.remove(at);
            if (chunk.isEmpty()) {
                chunks.remove(c);
            }
        }
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    Standing first() {
        return chunks.get(0).get(0);
    }

    Standing last() {
        ObjectArrayList<Standing> chunk = chunks.get(chunks.size() - 1);
        return chunk.get(chunk.size() - 1);
    }

    /** Newest first, read before the next change. */
    Iterator<Standing> newestFirst() {
        return new Iterator<>() {
            private int chunk = chunks.size() - 1;
            private int at = chunk < 0 ? -1 : chunks.get(chunk).size() - 1;

            @Override
            public boolean hasNext() {
                return at >= 0;
            }

            @Override
            public Standing next() {
                if (at < 0) {
                    throw new NoSuchElementException();
                }
                Standing next = chunks.get(chunk).get(at--);
                if (at < 0 && --chunk >= 0) {
                    at = chunks.get(chunk).size() - 1;
                }
                return next;
            }
        };
    }

    /** The chunk that holds, or would take, {@code standing}: the first whose last comment is not before it. */
    private int chunkFor(Standing standing) {
        int low = 0;
        int high = chunks.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            ObjectArrayList<Standing> chunk = chunks.get(middle);
            if (Copies.ORDER.compare(chunk.get(chunk.size() - 1), standing) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
