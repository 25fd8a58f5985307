package org.chamberpulse.model;

import java.time.Instant;

/** One clerk action on {@code pulse.agenda}, keyed by {@link #meetingId}. {@code itemId} is set for ITEM_STARTED and CORRECTION. */
public record AgendaEvent(String meetingId, AgendaEventType type, String itemId, Instant at, String actor) {
}
