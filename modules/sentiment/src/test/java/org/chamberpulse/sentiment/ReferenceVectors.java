package org.chamberpulse.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Texts with what the reference gives for each: the 19,548 of shared/sentiment/reference-vectors.tsv
 * (vaderSentiment 3.3.1), and generated-vectors.tsv (see {@link #generated()}).
 */
record ReferenceVectors(String set, String id, double neg, double neu, double pos, double compound, String text) {

    static List<ReferenceVectors> all() {
        return read("/reference-vectors.tsv");
    }

    /**
     * 3,069 seeded random texts of lexicon words, boosters, negations, idioms, emoji (with skin tones, ZWJ
     * sequences, flags), emoticons, entities, links, mentions, odd white space and long runs, scored by
     * vaderSentiment 3.3.1's algorithm in Python (a transcription that reproduces every row of
     * {@link #all()}); the set "emoji-marks" holds texts with the two emoji whose descriptions carry a "!".
     */
    static List<ReferenceVectors> generated() {
        return read("/generated-vectors.tsv");
    }

    private static List<ReferenceVectors> read(String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ReferenceVectors.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(line -> {
                String[] f = line.split("\t", 7);
                return new ReferenceVectors(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), f[6]);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return set + "/" + id;
    }
}
