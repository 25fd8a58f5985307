package org.chamberpulse.sentiment;

import java.util.Arrays;

/**
 * An open-addressing hash table of words to dense ids, looked up straight from a slice of a char
 * buffer with ASCII letters folded to lower case, so that scoring a post allocates no strings.
 *
 * <p>A lookup is bound by memory, not by arithmetic, and most tokens are not in the table. So the
 * hashes of the slots live in a small array of their own, which a miss alone reads; ASCII words of up to
 * eight letters (most words) are compared packed into a long, longer ones against a pool that holds
 * every word end to end.
 */
final class Vocabulary {

    static final int MAX_PACKED = 8;
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    /** Per slot: the word's hash (0: empty), its id, and the packed word or 0. */
    private int[] hashes = new int[1 << 10];
    private int[] slotIds = new int[1 << 10];
    private long[] packedWords = new long[1 << 10];
    private char[] pool = new char[1 << 16];
    private int poolSize;
    private int[] offsets = new int[1 << 10];
    private int size;

    int size() {
        return size;
    }

    /** The id of the word, added if new. */
    int add(String word) {
        char[] chars = word.toCharArray();
        int found = find(chars, 0, chars.length, false);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > hashes.length) {
            rehash();
        }
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if (poolSize + chars.length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + chars.length));
        }
        offsets[size] = poolSize;
        System.arraycopy(chars, 0, pool, poolSize, chars.length);
        poolSize += chars.length;
        offsets[size + 1] = poolSize;
        insert(slotHash((int) hash64(chars, 0, chars.length, false)), size, pack(chars, 0, chars.length, false));
        return size++;
    }

    int find(String word) {
        return find(word.toCharArray(), 0, word.length(), false);
    }

    /**
     * @param foldAscii whether to read A-Z as a-z (the slice is otherwise compared as it is)
     * @return the id, or -1
     */
    int find(char[] buffer, int start, int end, boolean foldAscii) {
        return find(buffer, start, end, foldAscii, (int) hash64(buffer, start, end, foldAscii), pack(buffer, start, end, foldAscii));
    }

    /** As {@link #find(char[], int, int, boolean)}, with the slice's {@link #hash64} (low half) and {@link #pack} already known. */
    int find(char[] buffer, int start, int end, boolean foldAscii, int hash, long packed) {
        int wanted = slotHash(hash);
        int mask = hashes.length - 1;
        int slot = wanted & mask;
        int length = end - start;
        while (true) {
            int h = hashes[slot];
            if (h == 0) {
                return -1;
            }
            if (h == wanted) {
                int id = slotIds[slot];
                if (packed != 0) {
                    if (packedWords[slot] == packed) {
                        return id;
                    }
                } else if (offsets[id + 1] - offsets[id] == length && matches(offsets[id], buffer, start, length, foldAscii)) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** 0 marks an empty slot, so no word hashes to it. */
    private static int slotHash(int hash) {
        return hash == 0 ? 1 : hash;
    }

    /** Up to eight ASCII characters, seven bits each, with the length above them; 0 for anything else. */
    static long pack(char[] buffer, int start, int end, boolean foldAscii) {
        int length = end - start;
        if (length == 0 || length > MAX_PACKED) {
            return 0;
        }
        long packed = length;
        for (int k = start; k < end; k++) {
            char c = buffer[k];
            if (c >= 0x80) {
                return 0;
            }
            if (foldAscii && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            packed = (packed << 7) | c;
        }
        return packed;
    }

    private boolean matches(int offset, char[] buffer, int start, int length, boolean foldAscii) {
        for (int k = 0; k < length; k++) {
            char c = buffer[start + k];
            if (foldAscii && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != pool[offset + k]) {
                return false;
            }
        }
        return true;
    }

    /** 64-bit FNV-1a of the slice; the table uses its low half, the English word filter all of it. */
    static long hash64(char[] buffer, int start, int end, boolean foldAscii) {
        long h = FNV_OFFSET;
        for (int k = start; k < end; k++) {
            char c = buffer[k];
            if (foldAscii && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ c) * FNV_PRIME;
        }
        return finish(h);
    }

    static long finish(long h) {
        return h ^ (h >>> 29);
    }

    private void insert(int hash, int id, long packed) {
        int mask = hashes.length - 1;
        int slot = hash & mask;
        while (hashes[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        slotIds[slot] = id;
        packedWords[slot] = packed;
    }

    private void rehash() {
        int[] oldHashes = hashes;
        int[] oldIds = slotIds;
        long[] oldPacked = packedWords;
        hashes = new int[oldHashes.length * 2];
        slotIds = new int[oldHashes.length * 2];
        packedWords = new long[oldHashes.length * 2];
        for (int k = 0; k < oldHashes.length; k++) {
            if (oldHashes[k] != 0) {
                insert(oldHashes[k], oldIds[k], oldPacked[k]);
            }
        }
    }
}
