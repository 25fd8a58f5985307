package org.chamberpulse.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * Stands in for the topology in the dashboard's tests: takes meetings, agenda events, summaries and alerts,
 * and gives the dashboard's state the view of the meeting the topology would publish (its running item
 * and segments from the one timeline rule, MeetingTimeline).
 */
final class TopologyStandIn {

    private final LiveState state;
    private final Map<String, Meeting> meetings = new HashMap<>();
    private final Map<String, List<TimelineEvent>> events = new HashMap<>();
    private final Map<String, Map<String, ItemSummary>> items = new HashMap<>();
    private final Map<String, List<Alert>> alerts = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private long clicks;
    private final Set<String> hidden = new HashSet<>();

    TopologyStandIn(LiveState state) {
        this.state = state;
    }

    void meeting(Meeting meeting) {
        meetings.put(meeting.meetingId(), meeting);
        publish(meeting.meetingId());
    }

    void agenda(AgendaEvent event) {
        events.computeIfAbsent(event.meetingId(), id -> new ArrayList<>()).add(TimelineEvent.of(event, ++clicks));
        publish(event.meetingId());
    }

    void summary(ItemSummary summary) {
        items.computeIfAbsent(summary.meetingId(), id -> new LinkedHashMap<>()).put(summary.itemId(), summary);
        publish(summary.meetingId());
    }

    void alert(Alert alert) {
        alerts.computeIfAbsent(alert.meetingId(), id -> new ArrayList<>()).add(alert);
        publish(alert.meetingId());
    }

    private void publish(String meetingId) {
        MeetingTimeline timeline = new MeetingTimeline(meetingId, meetings.get(meetingId), List.of());
        for (TimelineEvent event : events.getOrDefault(meetingId, List.of())) {
            timeline = timeline.withEvent(event);
        }
        if (timeline.meeting() == null) {
            return;
        }
        List<Segment> segments = timeline.segments();
        state.view(meetingId, new MeetingView(meetingId, timeline.meeting(), timeline.events(), segments,
                segments.isEmpty() ? null : segments.get(segments.size() - 1).itemId(), timeline.openedAt().orElse(null),
                timeline.adjournedAt().orElse(null), List.copyOf(items.getOrDefault(meetingId, Map.of()).values()),
                alerts.getOrDefault(meetingId, List.of()), List.of(), null, versions.merge(meetingId, 1L, Long::sum)));
    }

    void moderate(ModerationEvent event) {
        switch (event.action()) {
            case HIDE -> hidden.add(event.commentId());
            case SHOW -> hidden.remove(event.commentId());
            case CLEAR -> cleared.add(event.commentId());
            case FLAG -> cleared.remove(event.commentId());
            default -> { }
        }
    }

    private final Set<String> cleared = new HashSet<>();
    private final List<MeetingComments.Listed> flagged = new ArrayList<>();

    /** A comment intake flagged: listed with its flags (or, once cleared, the mark), never quoted. */
    void flagged(MeetingComments.Listed comment) {
        flagged.add(comment);
    }

    /** The meeting's comments as the console lists them: here, the quotes of its items. */
    List<MeetingComments.Listed> comments(MeetingView view) {
        List<MeetingComments.Listed> listed = new ArrayList<>();
        for (ItemSummary item : items.getOrDefault(view.meetingId(), Map.of()).values()) {
            item.quotes().forEach(q -> listed.add(new MeetingComments.Listed(q.id(), item.itemId(), q.at(), q.text(), List.of(), hidden.contains(q.id()))));
        }
        flagged.forEach(c -> listed.add(new MeetingComments.Listed(c.id(), c.itemId(), c.at(), c.text(), cleared.contains(c.id()) ? List.of("cleared") : c.flags(),
                hidden.contains(c.id()))));
        listed.sort(Comparator.comparing(MeetingComments.Listed::at).reversed());
        return listed;
    }

    List<TimelineEvent> events(String meetingId) {
        return List.copyOf(events.getOrDefault(meetingId, List.of()));
    }
}
