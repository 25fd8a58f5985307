package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.HashCommon;

/**
 * Counts by non-negative int key (an author's number), each key with its count in one {@code long} of one
 * open-addressing array: a look-up reads one place in memory, where a map of a key array and a value array
 * reads two. The popular words of an item count their authors here, a look-up for every word of every
 * comment (docs/BENCHMARKS.md, throughput, tenth session). A count that comes to 0 goes.
 */
final class IntCounts {

    private static final float FULLEST = 0.75f;
    private static final long KEY = 0xFFFF_FFFF_0000_0000L;
    private static final long COUNT = 0x0000_0000_FFFF_FFFFL;

    /** Key + 1 in the high half (0: an empty place), the count in the low half. */
    private long[] slots;
    private int size;

    IntCounts(int expected) {
        slots = new long[HashCommon.arraySize(Math.max(expected, 2), FULLEST)];
    }

    int size() {
        return size;
    }

    /** Adds {@code delta} to the count of {@code key}; returns the count now (0: the key went, or was never there). */
    int add(int key, int delta) {
        long tag = tag(key);
        int mask = slots.length - 1;
        for (int at = HashCommon.mix(key) & mask; ; at = (at + 1) & mask) {
            long slot = slots[at];
            if (slot == 0) {
                if (delta != 0) {
                    slots[at] = tag | (delta & COUNT);
                    if (++size > slots.length * FULLEST) {
                        grow();
                    }
                }
                return delta;
            }
            if ((slot & KEY) == tag) {
                int count = (int) slot + delta;
                if (count == 0) {
                    removeAt(at);
                } else {
                    slots[at] = tag | (count & COUNT);
                }
                return count;
            }
        }
    }

    private static long tag(int key) {
        if (key < 0) {
            throw new IllegalArgumentException("a negative key: " + key);
        }
        return (long) (key + 1) << 32;
    }

    private static int keyOf(long slot) {
        return (int) (slot >>> 32) - 1;
    }

    /** Linear probing's deletion: the entries after the place move back over it where their own place allows. */
    private void removeAt(int at) {
        size--;
        int mask = slots.length - 1;
        int gap = at;
        for (int next = (gap + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = HashCommon.mix(keyOf(slots[next])) & mask;
            boolean mayMove = gap <= next ? home <= gap || home > next : home <= gap && home > next;
            if (mayMove) {
                slots[gap] = slots[next];
                gap = next;
            }
        }
        slots[gap] = 0;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long slot : old) {
            if (slot != 0) {
                int at = HashCommon.mix(keyOf(slot)) & mask;
                while (slots[at] != 0) {
                    at = (at + 1) & mask;
                }
                slots[at] = slot;
            }
        }
    }
}
