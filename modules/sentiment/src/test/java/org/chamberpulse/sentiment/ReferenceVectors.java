package org.chamberpulse.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The 19,548 texts of shared/sentiment/reference-vectors.tsv with what vaderSentiment 3.3.1 gives for each. */
record ReferenceVectors(String set, String id, double neg, double neu, double pos, double compound, String text) {

    static List<ReferenceVectors> all() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ReferenceVectors.class.getResourceAsStream("/reference-vectors.tsv"), StandardCharsets.UTF_8))) {
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
