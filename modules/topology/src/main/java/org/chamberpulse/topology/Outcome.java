package org.chamberpulse.topology;

import org.chamberpulse.model.DeadLetter;

/** What an intake step made of one input record: a value to process, or a dead letter with the reason. */
record Outcome<T>(T value, DeadLetter deadLetter) {

    static <T> Outcome<T> of(T value) {
        return new Outcome<>(value, null);
    }

    static <T> Outcome<T> dead(DeadLetter deadLetter) {
        return new Outcome<>(null, deadLetter);
    }

    boolean isDead() {
        return deadLetter != null;
    }
}
