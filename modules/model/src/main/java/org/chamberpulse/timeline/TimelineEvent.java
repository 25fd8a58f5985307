package org.chamberpulse.timeline;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;

/**
 * An agenda event as the timeline keeps it. {@code issuedAt} is the timestamp of the Kafka record that
 * carried it (when the clerk clicked): it orders CORRECTIONs of the same item, whose {@code at} is the
 * corrected time rather than the time of the correction.
 */
public record TimelineEvent(AgendaEventType type, String itemId, Instant at, long issuedAt) {

    public static final Comparator<TimelineEvent> ORDER = Comparator
            .comparing(TimelineEvent::at)
            .thenComparing(TimelineEvent::type)
            .thenComparing(e -> e.itemId() == null ? "" : e.itemId())
            .thenComparingLong(TimelineEvent::issuedAt);

    public static TimelineEvent of(AgendaEvent event, long issuedAt) {
        return new TimelineEvent(event.type(), event.type().needsItem() ? event.itemId() : null, event.at(), issuedAt);
    }

    /** The same clerk action delivered twice: the same type, item and time, whenever it was sent. */
    boolean sameActionAs(TimelineEvent other) {
        return type == other.type && at.equals(other.at) && Objects.equals(itemId, other.itemId);
    }
}
