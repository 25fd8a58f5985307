package org.chamberpulse.model;

import java.time.Instant;

/** A live signal for the chair on {@code pulse.alerts}, keyed by meetingId. */
public record Alert(String meetingId, String itemId, Kind kind, Instant at, double value, double baseline, String message) {

    public enum Kind { SURGE, SWING }
}
