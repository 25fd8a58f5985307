package org.chamberpulse.topology;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each meeting's control state (definition, agenda events whatever their order, hidden comments)
 * and tells the desks of every change: the meeting's home its timeline and hidden comments, and the
 * routers of its hashtags its window when the window moved or a hashtag came or went.
 */
final class MeetingControl implements Processor<String, ControlMessage, String, DeskMessage> {

    static final String STORE = "meetings";

    private ProcessorContext<String, DeskMessage> context;
    private KeyValueStore<String, MeetingRecord> meetings;

    @Override
    public void init(ProcessorContext<String, DeskMessage> context) {
        this.context = context;
        this.meetings = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ControlMessage> record) {
        String meetingId = record.key();
        MeetingRecord before = Objects.requireNonNullElse(meetings.get(meetingId), MeetingRecord.empty(meetingId));
        MeetingRecord after = before.apply(record.value());
        if (after.equals(before)) {
            return;
        }
        meetings.put(meetingId, after);
        if (after.home() == null) {
            return; // never published: no desk has anything to do with it yet
        }
        Record<String, ControlMessage> stamped = record.withTimestamp(earliestAffected(before, after, record.timestamp()));
        // The home first: where the home desk is also a router of the meeting, it then places comments by the new agenda.
        if (!after.timeline().equals(before.timeline()) || !after.hidden().equals(before.hidden())) {
            context.forward(stamped.withKey(after.home()).withValue(new DeskMessage.MeetingChanged(after.timeline(), after.hidden())));
        }
        for (String hashtag : before.hashtags()) {
            if (!after.hashtags().contains(hashtag)) {
                context.forward(stamped.withKey(hashtag).withValue(new DeskMessage.WindowWithdrawn(meetingId)));
            }
        }
        boolean windowMoved = !before.timeline().window().equals(after.timeline().window());
        after.timeline().window().ifPresent(window -> {
            for (String hashtag : window.hashtags()) {
                if (windowMoved) {
                    context.forward(stamped.withKey(hashtag).withValue(new DeskMessage.WindowChanged(window, after.home())));
                }
            }
        });
    }

    /**
     * A change is stamped with the earliest comment time it can affect (the start of the meeting's window,
     * before or after): a desk that has both this change and comments waiting takes the change first, so the
     * comments of a backlog are placed by the meeting's agenda at once rather than placed and moved.
     */
    private static long earliestAffected(MeetingRecord before, MeetingRecord after, long timestamp) {
        long earliest = Long.MAX_VALUE;
        for (MeetingRecord record : new MeetingRecord[] {before, after}) {
            earliest = Math.min(earliest, record.timeline().window().map(window -> window.start().toEpochMilli()).orElse(Long.MAX_VALUE));
        }
        return earliest == Long.MAX_VALUE ? timestamp : Math.max(0, earliest);
    }
}
