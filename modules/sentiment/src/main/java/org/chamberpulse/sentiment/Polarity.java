package org.chamberpulse.sentiment;

/** The three classes of a scored text, in the order of the tuned model's outputs. */
public enum Polarity {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** VADER's own labelling of its compound score (as its authors advise: ±0.05). */
    public static Polarity ofCompound(double compound) {
        if (compound >= 0.05) {
            return POSITIVE;
        }
        return compound <= -0.05 ? NEGATIVE : NEUTRAL;
    }

    /** The class of the highest of three probabilities (in this enum's order); a tie goes to the earlier class. */
    static int mostProbable(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
