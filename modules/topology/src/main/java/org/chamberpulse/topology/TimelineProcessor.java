package org.chamberpulse.topology;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * Keeps each meeting's timeline (its definition and agenda events, whatever their order) and announces
 * every change: to the meeting's attributor, and to the routers of its hashtags when its window moves.
 */
final class TimelineProcessor implements Processor<String, ControlEvent, String, TimelineChange> {

    private final String storeName;
    private ProcessorContext<String, TimelineChange> context;
    private KeyValueStore<String, MeetingTimeline> timelines;

    TimelineProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, TimelineChange> context) {
        this.context = context;
        this.timelines = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ControlEvent> record) {
        String meetingId = record.key();
        MeetingTimeline before = Objects.requireNonNullElse(timelines.get(meetingId), MeetingTimeline.empty(meetingId));
        ControlEvent event = record.value();
        MeetingTimeline after;
        if (event.deleted()) {
            after = before.withMeeting(null);
        } else if (event.meeting() != null) {
            after = before.withMeeting(event.meeting());
        } else {
            after = before.withEvent(event.agenda());
        }
        if (after.equals(before)) {
            return;
        }
        timelines.put(meetingId, after);
        List<String> dropped = hashtags(before).stream().filter(tag -> !hashtags(after).contains(tag)).toList();
        boolean windowChanged = !before.window().equals(after.window());
        context.forward(record.withValue(new TimelineChange(after, dropped, windowChanged)));
    }

    private static List<String> hashtags(MeetingTimeline timeline) {
        Meeting meeting = timeline.meeting();
        return meeting == null ? List.of() : meeting.hashtags();
    }
}
