package org.chamberpulse.topology;

import org.chamberpulse.model.DeadLetter;

/** What an intake step made of one input record: a value to process, or a dead letter with the reason. */
sealed interface Outcome<T> {

    record Valid<T>(T value) implements Outcome<T> {
    }

    record Dead<T>(DeadLetter deadLetter) implements Outcome<T> {
    }

    static <T> Outcome<T> of(T value) {
        return new Valid<>(value);
    }

    static <T> Outcome<T> dead(DeadLetter deadLetter) {
        return new Dead<>(deadLetter);
    }
}
