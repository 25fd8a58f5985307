package org.chamberpulse.topology;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * Reads {@code pulse.meetings}, {@code pulse.agenda} and {@code pulse.moderation}: parses and validates each
 * record (bad ones become dead letters with the reason) and keys it by meetingId for the meeting's control state.
 */
final class ControlIntake {

    private ControlIntake() {
    }

    static Processor<String, byte[], String, Outcome<ControlMessage>> meetings() {
        return new Intake<>() {
            @Override
            void read(Record<String, byte[]> record) {
                if (record.value() == null) {
                    if (Validation.identifierProblem("meetingId", record.key()).isPresent()) {
                        deadLetter(record, "tombstone without a valid meetingId key");
                    } else {
                        forward(record.key(), new ControlMessage.Deleted(), record.timestamp());
                    }
                    return;
                }
                Meeting meeting = Topics.MEETINGS.valueSerde().deserializer().deserialize(Topics.MEETINGS.name(), record.value());
                Optional<String> problem = Validation.meetingProblem(meeting);
                if (problem.isPresent()) {
                    deadLetter(record, problem.get());
                } else if (!Objects.equals(record.key(), meeting.meetingId())) {
                    deadLetter(record, "key '" + record.key() + "' is not the meetingId '" + meeting.meetingId()
                            + "': pulse.meetings is compacted by key");
                } else {
                    forward(meeting.meetingId(), new ControlMessage.Published(meeting), record.timestamp());
                }
            }
        };
    }

    static Processor<String, byte[], String, Outcome<ControlMessage>> moderation() {
        return new Intake<>() {
            @Override
            void read(Record<String, byte[]> record) {
                if (record.value() == null) {
                    deadLetter(record, "empty value: a moderation event cannot be a tombstone");
                    return;
                }
                ModerationEvent event = Topics.MODERATION.valueSerde().deserializer().deserialize(Topics.MODERATION.name(), record.value());
                Optional<String> problem = Validation.moderationProblem(event);
                if (problem.isPresent()) {
                    deadLetter(record, problem.get());
                } else {
                    forward(event.meetingId(), new ControlMessage.Moderated(event), record.timestamp());
                }
            }
        };
    }

    static Processor<String, byte[], String, Outcome<ControlMessage>> agenda() {
        return new Intake<>() {
            @Override
            void read(Record<String, byte[]> record) {
                if (record.value() == null) {
                    deadLetter(record, "empty value: an agenda event cannot be a tombstone");
                    return;
                }
                AgendaEvent event = Topics.AGENDA.valueSerde().deserializer().deserialize(Topics.AGENDA.name(), record.value());
                Optional<String> problem = Validation.agendaProblem(event);
                if (problem.isPresent()) {
                    deadLetter(record, problem.get());
                } else {
                    // The value's meetingId decides: clients that write without a key still reach their meeting.
                    forward(event.meetingId(), new ControlMessage.Agenda(TimelineEvent.of(event, record.timestamp())), event.at().toEpochMilli());
                }
            }
        };
    }
}
