package org.chamberpulse.sentiment;

import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.profiles.LanguageProfile;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * A language profile for the n-gram detector: the counts of a language's n-grams, as the library's own
 * profile holds them, in plain arrays. The library's profile copies its maps into immutable ones and is
 * a value: its detector builder puts each profile in a hash set, which hashes every n-gram of it. The
 * copies and the hashing were a large part of the detector's start-up (docs/BENCHMARKS.md), which a `score`
 * run that meets a post the cheap check cannot settle waits for. This one is equal only to itself.
 */
final class NgramProfile implements LanguageProfile {

    private final LdLocale locale;
    private final String[] grams;
    private final int[] counts;
    /** Per gram length, the sum of the counts of the grams that long. */
    private final long[] occurrences;

    NgramProfile(LdLocale locale, String[] grams, int[] counts) {
        this.locale = locale;
        this.grams = grams;
        this.counts = counts;
        int longest = 0;
        for (String gram : grams) {
            longest = Math.max(longest, gram.length());
        }
        occurrences = new long[longest + 1];
        for (int k = 0; k < grams.length; k++) {
            occurrences[grams[k].length()] += counts[k];
        }
    }

    @Override
    public LdLocale getLocale() {
        return locale;
    }

    @Override
    public List<Integer> getGramLengths() {
        List<Integer> lengths = new ArrayList<>();
        for (int length = 1; length < occurrences.length; length++) {
            if (getNumGrams(length) > 0) {
                lengths.add(length);
            }
        }
        return lengths;
    }

    @Override
    public int getFrequency(String gram) {
        for (int k = 0; k < grams.length; k++) {
            if (grams[k].equals(gram)) {
                return counts[k];
            }
        }
        return 0;
    }

    @Override
    public int getNumGrams(int gramLength) {
        int number = 0;
        for (String gram : grams) {
            number += gram.length() == gramLength ? 1 : 0;
        }
        return number;
    }

    @Override
    public int getNumGrams() {
        return grams.length;
    }

    @Override
    public long getNumGramOccurrences(int gramLength) {
        return gramLength > 0 && gramLength < occurrences.length ? occurrences[gramLength] : 0;
    }

    @Override
    public long getMinGramCount(int gramLength) {
        return countsOfLength(gramLength).min().orElse(0);
    }

    @Override
    public long getMaxGramCount(int gramLength) {
        return countsOfLength(gramLength).max().orElse(0);
    }

    private IntStream countsOfLength(int gramLength) {
        return IntStream.range(0, grams.length).filter(k -> grams[k].length() == gramLength).map(k -> counts[k]);
    }

    @Override
    public Iterable<Map.Entry<String, Integer>> iterateGrams() {
        return () -> new Grams(0);
    }

    @Override
    public Iterable<Map.Entry<String, Integer>> iterateGrams(int gramLength) {
        return () -> new Grams(gramLength);
    }

    @Override
    public String toString() {
        return "NgramProfile[" + locale + ", " + grams.length + " grams, occurrences by length " + Arrays.toString(occurrences) + "]";
    }

    /** The grams of one length (0: all) with their counts. */
    private final class Grams implements Iterator<Map.Entry<String, Integer>> {
        private final int gramLength;
        private int next;

        Grams(int gramLength) {
            this.gramLength = gramLength;
            this.next = advance(0);
        }

        private int advance(int from) {
            int k = from;
            while (k < grams.length && gramLength != 0 && grams[k].length() != gramLength) {
                k++;
            }
            return k;
        }

        @Override
        public boolean hasNext() {
            return next < grams.length;
        }

        @Override
        public Map.Entry<String, Integer> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, Integer> entry = new AbstractMap.SimpleImmutableEntry<>(grams[next], counts[next]);
            next = advance(next + 1);
            return entry;
        }
    }
}
