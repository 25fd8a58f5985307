package org.chamberpulse.timeline;

import java.util.ArrayList;
import java.util.List;
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
            if (allowedIn(state, type)) {
                allowed.add(type);
            }
        }
        return allowed;
    }

    /**
     * Why the clerk may not send this now: the event refused and the meeting's state (names the console's
     * messages know: phase.event.*, phase.now.*, phase.hint.*), or that the item is the running one.
     */
    public record Refusal(AgendaEventType event, State state, boolean alreadyRunning) {
    }

    /** Why the clerk may not send this now; empty when they may. */
    public Optional<Refusal> whyNot(AgendaEventType type, String itemId) {
        if (!allowedIn(state, type)) {
            return Optional.of(new Refusal(type, state, false));
        }
        if (type == AgendaEventType.ITEM_STARTED && itemId != null && itemId.equals(runningItem)) {
            return Optional.of(new Refusal(type, state, true));
        }
        return Optional.empty();
    }

    private static boolean allowedIn(State state, AgendaEventType type) {
        return switch (type) {
            case OPENED -> state == State.SCHEDULED;
            case ITEM_STARTED -> state != State.ADJOURNED;
            case RECESS -> state == State.OPEN || state == State.IN_ITEM;
            case RESUMED -> state == State.RECESS;
            case ADJOURNED -> state == State.OPEN || state == State.IN_ITEM || state == State.RECESS;
            case REOPENED -> state == State.ADJOURNED;
            case CORRECTION -> true;
        };
    }
}
