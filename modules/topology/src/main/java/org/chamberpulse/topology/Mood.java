package org.chamberpulse.topology;

/** The scored comments of one item in one minute: how many, and their compound scores summed in units of 1e-4. */
public record Mood(long scored, long compoundSumE4) {

    static final Mood NONE = new Mood(0, 0);

    Mood plus(Mood other) {
        return new Mood(scored + other.scored, compoundSumE4 + other.compoundSumE4);
    }

    Mood minus(Mood other) {
        return new Mood(scored - other.scored, compoundSumE4 - other.compoundSumE4);
    }

    double mean() {
        return scored == 0 ? 0 : compoundSumE4 / 10_000.0 / scored;
    }
}
