package org.chamberpulse.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * A change to one meeting's control state, keyed by meetingId: its definition published or deleted (a
 * tombstone on {@code pulse.meetings}), a clerk's agenda event, or a clerk's moderation decision.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.Published.class, name = "published"),
    @JsonSubTypes.Type(value = ControlMessage.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = ControlMessage.Agenda.class, name = "agenda"),
    @JsonSubTypes.Type(value = ControlMessage.Moderated.class, name = "moderated")})
sealed interface ControlMessage {

    record Published(Meeting meeting) implements ControlMessage {
    }

    record Deleted() implements ControlMessage {
    }

    record Agenda(TimelineEvent event) implements ControlMessage {
    }

    record Moderated(ModerationEvent event) implements ControlMessage {
    }
}
