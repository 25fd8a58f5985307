package org.chamberpulse.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;

/**
 * Where a meeting stands, and what the clerk may do next: the one state machine the console's buttons, the
 * clerk API and the topology's views share. A function of the timeline (the set of events), like every rule.
 *
 * @param state       scheduled (nothing marked yet), open, in an item, in recess, or adjourned
 * @param runningItem the item running (null unless {@code state} is {@code IN_ITEM})
 * @param lastItem    the item started last (by time), also during a recess or after the adjournment; or null
 * @param nextItem    the item after {@code lastItem} in agenda order (the first when none has started), or
 *                    null after the last: never item 1 again
 * @param allowed     the agenda events the clerk may send now
 */
public record MeetingPhase(State state, String runningItem, String lastItem, String nextItem, List<AgendaEventType> allowed) {

    public enum State { SCHEDULED, OPEN, IN_ITEM, RECESS, ADJOURNED }

    public MeetingPhase {
        allowed = List.copyOf(allowed);
    }

    public static MeetingPhase of(MeetingTimeline timeline) {
        List<Segment> segments = timeline.segments();
        State state;
        String running = null;
        if (timeline.adjournedAt().isPresent()) {
            state = State.ADJOURNED;
        } else {
            String last = segments.isEmpty() ? Buckets.PRE : segments.get(segments.size() - 1).itemId();
            if (last.equals(Buckets.RECESS)) {
                state = State.RECESS;
            } else if (!Buckets.isBucket(last)) {
                state = State.IN_ITEM;
                running = last;
            } else {
                state = timeline.openedAt().isPresent() ? State.OPEN : State.SCHEDULED;
            }
        }
        String lastItem = null;
        for (Segment segment : segments) {
            if (!Buckets.isBucket(segment.itemId())) {
                lastItem = segment.itemId();
            }
        }
        String next = next(timeline.meeting(), lastItem);
        return new MeetingPhase(state, running, lastItem, next, allowed(state));
    }

    private static String next(Meeting meeting, String lastItem) {
        if (meeting == null || meeting.items().isEmpty()) {
            return null;
        }
        List<AgendaItem> items = meeting.items();
        if (lastItem == null) {
            return items.get(0).itemId();
        }
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k).itemId().equals(lastItem)) {
                return k + 1 < items.size() ? items.get(k + 1).itemId() : null;
            }
        }
        return null;
    }

    private static List<AgendaEventType> allowed(State state) {
        List<AgendaEventType> allowed = new ArrayList<>();
        for (AgendaEventType type : AgendaEventType.values()) {
            if (refusal(state, type).isEmpty()) {
                allowed.add(type);
            }
        }
        return allowed;
    }

    /** Why the clerk may not send this now, in words for the console; empty when they may. */
    public Optional<String> refusal(AgendaEventType type, String itemId) {
        Optional<String> byState = refusal(state, type);
        if (byState.isPresent()) {
            return byState;
        }
        if (type == AgendaEventType.ITEM_STARTED && itemId != null && itemId.equals(runningItem)) {
            return Optional.of("that item is already running");
        }
        return Optional.empty();
    }

    private static Optional<String> refusal(State state, AgendaEventType type) {
        String now = switch (state) {
            case SCHEDULED -> "the meeting has not opened yet";
            case OPEN -> "the meeting is open, no item has started";
            case IN_ITEM -> "an item is running";
            case RECESS -> "the meeting is in recess";
            case ADJOURNED -> "the meeting is adjourned";
        };
        boolean allowed = switch (type) {
            case OPENED -> state == State.SCHEDULED;
            case ITEM_STARTED -> state != State.ADJOURNED;
            case RECESS -> state == State.OPEN || state == State.IN_ITEM;
            case RESUMED -> state == State.RECESS;
            case ADJOURNED -> state == State.OPEN || state == State.IN_ITEM || state == State.RECESS;
            case REOPENED -> state == State.ADJOURNED;
            case CORRECTION -> true;
        };
        if (allowed) {
            return Optional.empty();
        }
        String what = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String hint = switch (type) {
            case ITEM_STARTED -> ": undo the adjournment first";
            case RESUMED -> ": only a recess can be resumed";
            case REOPENED -> ": only an adjourned meeting can be reopened";
            default -> "";
        };
        return Optional.of("Not done (" + what + "): " + now + hint + ".");
    }
}
