package org.chamberpulse.sentiment;

/**
 * A blocked Bloom filter of English words: 100,000 words in about 128 KB, so that it stays in the
 * core's cache, where a hash table of the words would not. It answers "maybe English" wrongly for
 * about one word in two hundred that is not, which the 70 % share of the language check absorbs;
 * it never misses a listed word.
 */
final class WordFilter {

    private static final int PROBES = 5;
    private final long[] bits;
    private final int blockMask;

    WordFilter(int expectedWords) {
        int blocks = Integer.highestOneBit(Math.max(1, expectedWords * 10 / 512)) * 2;
        this.bits = new long[blocks * 8];
        this.blockMask = blocks - 1;
    }

    /** Each probe takes nine bits of one mixed hash: three pick a long of the block, six a bit of it. */
    void add(long hash) {
        int base = block(hash);
        long h = mix(hash);
        for (int p = 0; p < PROBES; p++, h >>>= 9) {
            bits[base + (int) ((h >>> 6) & 7)] |= 1L << (h & 63);
        }
    }

    boolean mightContain(long hash) {
        int base = block(hash);
        long h = mix(hash);
        for (int p = 0; p < PROBES; p++, h >>>= 9) {
            if ((bits[base + (int) ((h >>> 6) & 7)] & (1L << (h & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    private int block(long hash) {
        return (int) ((hash >>> 32) & blockMask) * 8;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
