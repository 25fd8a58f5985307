package org.chamberpulse.sentiment;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

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

    private WordFilter(int expectedWords) {
        int blocks = Integer.highestOneBit(Math.max(1, expectedWords * 10 / 512)) * 2;
        this.bits = new long[blocks * 8];
        this.blockMask = blocks - 1;
    }

    /**
     * Builds the filter of a word list (UTF-8, one word a line) on a daemon thread of its own. The task
     * lives here, not in its caller, because the caller is a class still being initialised.
     */
    static CompletableFuture<WordFilter> ofLinesInBackground(byte[] utf8) {
        return CompletableFuture.supplyAsync(() -> ofLines(new String(utf8, StandardCharsets.UTF_8).toCharArray()), task -> {
            Thread thread = new Thread(task, "word-filter");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static WordFilter ofLines(char[] text) {
        int lines = 1;
        for (char c : text) {
            lines += c == '\n' ? 1 : 0;
        }
        WordFilter filter = new WordFilter(lines);
        int start = 0;
        for (int k = 0; k <= text.length; k++) {
            if (k == text.length || text[k] == '\n') {
                if (k > start) {
                    filter.add(Vocabulary.hash64(text, start, k, false));
                }
                start = k + 1;
            }
        }
        return filter;
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
