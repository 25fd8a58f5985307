package org.chamberpulse.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Meeting;

/**
 * Everything known about one meeting: its published definition (null until it arrives) and the set of
 * agenda events, kept sorted. Rules 1 and 2 are functions of this value alone, so the result does not
 * depend on the order in which the events arrived.
 */
public record MeetingTimeline(String meetingId, Meeting meeting, List<TimelineEvent> events) {

    public static final Duration LEAD = Duration.ofMinutes(60);
    public static final Duration TAIL = Duration.ofMinutes(60);
    public static final Duration SPAN_WHILE_NOT_ADJOURNED = Duration.ofHours(12);

    /** When several events share a time, the meeting opens and resumes before an item starts, and recesses or adjourns after. */
    private static final List<AgendaEventType> SAME_TIME_ORDER = List.of(
            AgendaEventType.OPENED, AgendaEventType.RESUMED, AgendaEventType.ITEM_STARTED,
            AgendaEventType.RECESS, AgendaEventType.ADJOURNED);

    public MeetingTimeline {
        events = events == null ? List.of() : events.stream().sorted(TimelineEvent.ORDER).toList();
    }

    public static MeetingTimeline empty(String meetingId) {
        return new MeetingTimeline(meetingId, null, List.of());
    }

    public MeetingTimeline withMeeting(Meeting newMeeting) {
        return new MeetingTimeline(meetingId, newMeeting, events);
    }

    /** This timeline with the event added, or the same timeline when it already holds that clerk action. */
    public MeetingTimeline withEvent(TimelineEvent event) {
        if (events.stream().anyMatch(event::sameActionAs)) {
            return this;
        }
        List<TimelineEvent> more = new ArrayList<>(events);
        more.add(event);
        return new MeetingTimeline(meetingId, meeting, more);
    }

    public boolean published() {
        return meeting != null;
    }

    /** The earliest OPENED: a second click on "open" does not move the meeting. */
    public Optional<Instant> openedAt() {
        return events.stream().filter(e -> e.type() == AgendaEventType.OPENED).map(TimelineEvent::at).findFirst();
    }

    /**
     * The latest ADJOURNED (a clerk who adjourned too early adjourns again later), unless a REOPENED at or
     * after it cancels it: then the meeting is not adjourned. A function of the set of events, whatever their order.
     */
    public Optional<Instant> adjournedAt() {
        Optional<Instant> latest = events.stream().filter(e -> e.type() == AgendaEventType.ADJOURNED).map(TimelineEvent::at)
                .reduce((first, second) -> second);
        boolean reopened = latest.isPresent() && events.stream()
                .anyMatch(e -> e.type() == AgendaEventType.REOPENED && !e.at().isBefore(latest.get()));
        return reopened ? Optional.empty() : latest;
    }

    /** Rule 1: from 60 minutes before the opening until 60 minutes after ADJOURNED, or 12 hours after the opening. */
    public Optional<MeetingWindow> window() {
        if (!published()) {
            return Optional.empty();
        }
        Instant opening = openedAt().orElse(meeting.scheduledStart());
        Instant end = adjournedAt().map(at -> at.plus(TAIL)).orElse(opening.plus(SPAN_WHILE_NOT_ADJOURNED));
        return Optional.of(new MeetingWindow(meetingId, meeting.hashtags(), opening, opening.minus(LEAD), end));
    }

    /**
     * Rule 2 as a list of segments by reference time: {@code pre} until the first item starts, each item
     * until the next, {@code recess} from RECESS until RESUMED, {@code post} from ADJOURNED on.
     */
    public List<Segment> segments() {
        List<TimelineEvent> sequence = new ArrayList<>();
        openedAt().ifPresent(at -> sequence.add(new TimelineEvent(AgendaEventType.OPENED, null, at, 0)));
        sequence.addAll(itemStarts());
        events.stream().filter(e -> e.type() == AgendaEventType.RECESS || e.type() == AgendaEventType.RESUMED)
                .forEach(sequence::add);
        adjournedAt().ifPresent(at -> sequence.add(new TimelineEvent(AgendaEventType.ADJOURNED, null, at, 0)));
        sequence.sort(Comparator.comparing(TimelineEvent::at)
                .thenComparing(e -> SAME_TIME_ORDER.indexOf(e.type()))
                .thenComparing(e -> e.itemId() == null ? "" : e.itemId()));

        List<Segment> segments = new ArrayList<>();
        String runningItem = null;
        boolean inRecess = false;
        for (TimelineEvent e : sequence) {
            switch (e.type()) {
                case ITEM_STARTED -> {
                    runningItem = e.itemId();
                    inRecess = false;
                    append(segments, e.at(), runningItem);
                }
                case RECESS -> {
                    inRecess = true;
                    append(segments, e.at(), Buckets.RECESS);
                }
                case RESUMED -> {
                    if (inRecess) {
                        inRecess = false;
                        append(segments, e.at(), runningItem == null ? Buckets.PRE : runningItem);
                    }
                }
                case ADJOURNED -> {
                    append(segments, e.at(), Buckets.POST);
                    return List.copyOf(segments);
                }
                default -> {
                    // OPENED moves the window, not the items: time stays "pre" until the first item starts.
                }
            }
        }
        return List.copyOf(segments);
    }

    private static void append(List<Segment> segments, Instant from, String itemId) {
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.itemId().equals(itemId)) {
                return;
            }
            if (last.from().equals(from)) {
                segments.remove(segments.size() - 1);
                append(segments, from, itemId);
                return;
            }
        }
        segments.add(new Segment(from, itemId));
    }

    /**
     * The starts of items after the clerk's corrections. Each CORRECTION, in the order the clerk issued
     * them, moves the start of its item nearest to the corrected time; an item never started is started.
     */
    private List<TimelineEvent> itemStarts() {
        List<TimelineEvent> starts = new ArrayList<>(
                events.stream().filter(e -> e.type() == AgendaEventType.ITEM_STARTED).toList());
        events.stream()
                .filter(e -> e.type() == AgendaEventType.CORRECTION)
                .sorted(Comparator.comparingLong(TimelineEvent::issuedAt).thenComparing(TimelineEvent::at))
                .forEach(correction -> {
                    TimelineEvent moved = new TimelineEvent(AgendaEventType.ITEM_STARTED, correction.itemId(), correction.at(), correction.issuedAt());
                    starts.stream()
                            .filter(s -> s.itemId().equals(correction.itemId()))
                            .min(Comparator.comparingLong(s -> Math.abs(s.at().toEpochMilli() - correction.at().toEpochMilli())))
                            .ifPresentOrElse(nearest -> starts.set(starts.indexOf(nearest), moved), () -> starts.add(moved));
                });
        return starts;
    }

    /** The item a comment with this reference time belongs to by time alone. */
    public static String itemAt(List<Segment> segments, Instant referenceTime) {
        int low = 0;
        int high = segments.size() - 1;
        String item = Buckets.PRE;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (segments.get(mid).from().isAfter(referenceTime)) {
                high = mid - 1;
            } else {
                item = segments.get(mid).itemId();
                low = mid + 1;
            }
        }
        return item;
    }

    /**
     * The spans of reference time in which {@code before} and {@code after} place comments in different
     * items: only comments in these spans can move when the agenda changes.
     */
    public static List<Instant[]> changedSpans(List<Segment> before, List<Segment> after) {
        TreeSet<Instant> boundaries = new TreeSet<>();
        before.forEach(s -> boundaries.add(s.from()));
        after.forEach(s -> boundaries.add(s.from()));
        List<Instant[]> spans = new ArrayList<>();
        Instant spanStart = null;
        for (Instant boundary : boundaries) {
            boolean differs = !itemAt(before, boundary).equals(itemAt(after, boundary));
            if (differs && spanStart == null) {
                spanStart = boundary;
            } else if (!differs && spanStart != null) {
                spans.add(new Instant[] {spanStart, boundary});
                spanStart = null;
            }
        }
        if (spanStart != null) {
            spans.add(new Instant[] {spanStart, Instant.MAX});
        }
        return spans;
    }
}

