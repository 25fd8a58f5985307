package org.chamberpulse.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.UnmatchedSummary;

/**
 * What the dashboard knows, as the topics tell it: every meeting, its agenda events so far, the latest
 * summary of each item and the unmatched figures. Listeners hear each change as an event name and value.
 */
public final class LiveState {

    public static final String MEETING = "meeting";
    public static final String AGENDA = "agenda";
    public static final String SUMMARY = "summary";
    public static final String UNMATCHED = "unmatched";
    public static final String ALERT = "alert";
    /** The latest alerts kept per meeting. */
    static final int ALERTS_KEPT = 20;

    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final Map<String, List<AgendaEvent>> agenda = new ConcurrentHashMap<>();
    private final Map<String, ItemSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, UnmatchedSummary> unmatched = new ConcurrentHashMap<>();
    private final Map<String, List<Alert>> alerts = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Notified whenever a meeting changes, for {@link #awaitMeeting}. */
    private final Object meetingChanged = new Object();

    /** Hears every change: its event name, the meeting it belongs to ("" for all) and the new value. */
    @FunctionalInterface
    public interface Listener {
        void changed(String event, String meetingId, Object value);
    }

    /** A meeting with what the dashboard shows of it. */
    public record MeetingView(Meeting meeting, List<AgendaEvent> agenda, List<ItemSummary> items, List<Alert> alerts) {
    }

    public record Snapshot(List<MeetingView> meetings, List<UnmatchedSummary> unmatched) {
    }

    public void onChange(Listener listener) {
        listeners.add(listener);
    }

    public void meeting(String meetingId, Meeting meeting) {
        if (meeting == null) {
            meetings.remove(meetingId);
        } else {
            meetings.put(meetingId, meeting);
        }
        synchronized (meetingChanged) {
            meetingChanged.notifyAll();
        }
        notify(MEETING, meetingId, meeting);
    }

    /**
     * Waits until this state holds the meeting as given, so that whoever just published it can act on it
     * (start its first item, open its console) at once.
     *
     * @return whether it arrived in time
     */
    public boolean awaitMeeting(Meeting expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (meetingChanged) {
            while (!expected.equals(meetings.get(expected.meetingId()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(meetingChanged, left);
            }
            return true;
        }
    }

    public void agenda(AgendaEvent event) {
        agenda.computeIfAbsent(event.meetingId(), id -> new CopyOnWriteArrayList<>()).add(event);
        notify(AGENDA, event.meetingId(), event);
    }

    public void summary(ItemSummary summary) {
        ItemSummary previous = summaries.get(summary.key());
        if (previous == null || previous.version() <= summary.version()) {
            summaries.put(summary.key(), summary);
            notify(SUMMARY, summary.meetingId(), summary);
        }
    }

    public void alert(Alert alert) {
        List<Alert> kept = alerts.computeIfAbsent(alert.meetingId(), id -> new CopyOnWriteArrayList<>());
        kept.add(alert);
        while (kept.size() > ALERTS_KEPT) {
            kept.remove(0);
        }
        notify(ALERT, alert.meetingId(), alert);
    }

    public void unmatched(UnmatchedSummary summary) {
        unmatched.put(summary.hashtag(), summary);
        notify(UNMATCHED, "", summary);
    }

    /** Counts a record the topology sent to the dead-letter topic, by the topic it came from. Not shown on the page. */
    public void deadLetter(DeadLetter letter) {
        deadLetters.computeIfAbsent(letter.topic() == null ? "" : letter.topic(), topic -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    public long deadLetters(String inputTopic) {
        var count = deadLetters.get(inputTopic);
        return count == null ? 0 : count.sum();
    }

    /** Comments outside every meeting, over all hashtags. */
    public long unmatchedComments() {
        return unmatched.values().stream().mapToLong(UnmatchedSummary::count).sum();
    }

    public List<MeetingView> meetings() {
        List<MeetingView> views = new ArrayList<>();
        meetings.values().stream()
                .sorted(Comparator.comparing(Meeting::scheduledStart).reversed())
                .forEach(m -> views.add(view(m)));
        return views;
    }

    public java.util.Optional<MeetingView> meeting(String meetingId) {
        return java.util.Optional.ofNullable(meetings.get(meetingId)).map(this::view);
    }

    public Snapshot snapshot() {
        return new Snapshot(meetings(), List.copyOf(unmatched.values()));
    }

    /** The snapshot of one meeting only, for its chair's page. */
    public Snapshot snapshot(String meetingId) {
        Meeting meeting = meetings.get(meetingId);
        List<UnmatchedSummary> ownTags = meeting == null ? List.of()
                : unmatched.values().stream().filter(u -> meeting.hashtags().contains(u.hashtag())).toList();
        return new Snapshot(meeting == null ? List.of() : List.of(view(meeting)), ownTags);
    }

    private MeetingView view(Meeting meeting) {
        List<ItemSummary> items = summaries.values().stream()
                .filter(s -> s.meetingId().equals(meeting.meetingId()))
                .toList();
        List<AgendaEvent> events = agenda.getOrDefault(meeting.meetingId(), List.of()).stream()
                .sorted(Comparator.comparing(AgendaEvent::at))
                .toList();
        return new MeetingView(meeting, events, items, List.copyOf(alerts.getOrDefault(meeting.meetingId(), List.of())));
    }

    private void notify(String event, String meetingId, Object value) {
        listeners.forEach(listener -> listener.changed(event, meetingId, value));
    }
}
