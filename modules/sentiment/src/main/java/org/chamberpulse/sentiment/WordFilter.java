package org.chamberpulse.sentiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocked Bloom filter of English words: 100,000 words in about 128 KB, so that it stays in the
 * core's cache, where a hash table of the words would not. It answers "maybe English" wrongly for
 * about one word in a hundred that is not (measured: WordFilterTest), which the 70 % share of the
 * language check absorbs; it never misses a listed word.
 */
final class WordFilter {

    private static final int PROBES = 5;
    private final long[] bits;
    private final int blockMask;

    private WordFilter(long[] bits) {
        this.bits = bits;
        this.blockMask = bits.length / 8 - 1;
    }

    /** The filter of a word list (UTF-8, one word a line). */
    static WordFilter ofLines(byte[] utf8) {
        char[] text = new String(utf8, StandardCharsets.UTF_8).toCharArray();
        int lines = 1;
        for (char c : text) {
            lines += c == '\n' ? 1 : 0;
        }
        WordFilter filter = new WordFilter(new long[Integer.highestOneBit(Math.max(1, lines * 10 / 512)) * 2 * 8]);
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

    /**
     * A filter as {@link #toBytes} kept it. The product reads the English list's filter so, made ahead from
     * the list (WordFilterTest checks they agree): hashing 100,000 words took most of a cold start.
     */
    static WordFilter fromBytes(byte[] bytes) {
        long[] bits = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(bits);
        return new WordFilter(bits);
    }

    /** The bits, eight bytes a long, big-endian. */
    byte[] toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(bits.length * Long.BYTES);
        bytes.asLongBuffer().put(bits);
        return bytes.array();
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

    @Override
    public boolean equals(Object other) {
        return other instanceof WordFilter filter && Arrays.equals(bits, filter.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
