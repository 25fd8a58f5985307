package org.chamberpulse.sentiment;

import java.util.Arrays;

/**
 * What the tuned model reads of one text, from the tokens VADER has already cut and hashed: words, pairs of
 * words, words in a negation's reach ("not happy"), and VADER's own verdict and marks, each as a 64-bit
 * hash (the model folds it into its table), plus a few numbers ({@link #dense}). One per thread; the
 * buffers grow with the longest text and are reused, so reading allocates nothing.
 */
final class TweetFeatures {

    /** VADER's compound, positive and negative shares, and the sign of the compound as VADER labels it. */
    static final int DENSE = 4;

    private static final long WORD = 0x9e3779b97f4a7c15L;
    private static final long PAIR = 0xc2b2ae3d27d4eb4fL;
    private static final long NEGATED = 0x165667b19e3779f9L;
    private static final long START = 0x27d4eb2f165667c5L;
    private static final long MARK = 0x85ebca77c2b2ae63L;

    private long[] hashes = new long[256];
    private int count;
    final double[] dense = new double[DENSE];

    /** Reads the text VADER has prepared and scored. */
    void read(Vader vader, VaderScores scores) {
        count = 0;
        int tokens = vader.tokens();
        if (hashes.length < 3 * tokens + 8) {
            hashes = Arrays.copyOf(hashes, Math.max(2 * hashes.length, 3 * tokens + 8));
        }
        long previous = START;
        boolean negated = false;
        for (int i = 0; i < tokens; i++) {
            long word = vader.tokenHash(i);
            add(mix(word * WORD));
            add(mix(previous * PAIR + word));
            if (negated) {
                add(mix(word ^ NEGATED));
            }
            if (vader.negates(i)) {
                negated = true;
            } else if (negated && vader.endsClause(i)) {
                negated = false;
            }
            previous = word;
        }
        add(mix(previous * PAIR + START));
        // VADER's compound in tenths, and how loud the text is, as words of their own
        add(mix(MARK + 1 + Math.round(scores.compound() * 10)));
        add(mix(MARK * 3 + Math.min(vader.exclamations(), 3)));
        add(mix(MARK * 5 + Math.min(vader.questions(), 3)));
        dense[0] = scores.compound();
        dense[1] = scores.pos();
        dense[2] = scores.neg();
        dense[3] = Polarity.ofCompound(scores.compound()).ordinal() - 1;
    }

    /** The features of a text read before (the trainer keeps them rather than reading every text again). */
    TweetFeatures replay(long[] features, double[] numbers) {
        if (hashes.length < features.length) {
            hashes = Arrays.copyOf(hashes, features.length);
        }
        System.arraycopy(features, 0, hashes, 0, features.length);
        count = features.length;
        System.arraycopy(numbers, 0, dense, 0, DENSE);
        return this;
    }

    private void add(long hash) {
        hashes[count++] = hash;
    }

    int count() {
        return count;
    }

    long hash(int k) {
        return hashes[k];
    }

    /** A strong 64-bit finaliser (from SplitMix64): the model uses a hash's top bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
