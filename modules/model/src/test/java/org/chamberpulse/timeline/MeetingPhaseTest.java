package org.chamberpulse.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.Test;

class MeetingPhaseTest {

    private static final Instant START = Instant.parse("2026-11-27T14:00:00Z");
    private static final Meeting MEETING = new Meeting("m1", "Cabinet", "Test Council", List.of("testlive"), START, "Europe/London", 0,
            List.of(new AgendaItem("1", "1", "Apologies", false, null, null), new AgendaItem("2", "2", "Buses", false, null, null),
                    new AgendaItem("3", "3", "Budget", false, null, null)));

    @Test
    void shouldAllowOnlyWhatMakesSenseBeforeTheMeetingOpens() {
        // when
        MeetingPhase phase = phase();

        // then
        assertThat(phase.state()).isEqualTo(MeetingPhase.State.SCHEDULED);
        assertThat(phase.allowed()).containsExactlyInAnyOrder(AgendaEventType.OPENED, AgendaEventType.ITEM_STARTED, AgendaEventType.CORRECTION);
        assertThat(phase.whyNot(AgendaEventType.ADJOURNED, null)).contains(new MeetingPhase.Refusal(AgendaEventType.ADJOURNED, MeetingPhase.State.SCHEDULED, false));
        assertThat(phase.nextItem()).isEqualTo("1");
    }

    @Test
    void shouldStartTheItemAfterTheLastStartedAfterARecessNeverItemOneAgain() {
        // given: items 1 and 2, then a recess, then resumed
        MeetingPhase inRecess = phase(event(AgendaEventType.OPENED, null, 0), event(AgendaEventType.ITEM_STARTED, "1", 1),
                event(AgendaEventType.ITEM_STARTED, "2", 10), event(AgendaEventType.RECESS, null, 20));

        // then
        assertThat(inRecess.state()).isEqualTo(MeetingPhase.State.RECESS);
        assertThat(inRecess.nextItem()).isEqualTo("3");
        assertThat(inRecess.allowed()).contains(AgendaEventType.RESUMED, AgendaEventType.ITEM_STARTED, AgendaEventType.ADJOURNED)
                .doesNotContain(AgendaEventType.RECESS, AgendaEventType.OPENED, AgendaEventType.REOPENED);
    }

    @Test
    void shouldUndoAMistakenAdjournmentWhateverOrderTheEventsComeIn() {
        // given: item 2 running, adjourned by mistake, reopened, item 3 started, then adjourned for real
        List<TimelineEvent> events = new ArrayList<>(List.of(event(AgendaEventType.ITEM_STARTED, "1", 1), event(AgendaEventType.ITEM_STARTED, "2", 10),
                event(AgendaEventType.ADJOURNED, null, 20), event(AgendaEventType.REOPENED, null, 21), event(AgendaEventType.ITEM_STARTED, "3", 30)));
        long seed = new Random().nextLong();
        Collections.shuffle(events, new Random(seed));

        // when
        MeetingTimeline reopened = timeline(events.toArray(TimelineEvent[]::new));
        events.add(event(AgendaEventType.ADJOURNED, null, 40));
        MeetingTimeline adjourned = timeline(events.toArray(TimelineEvent[]::new));

        // then: the mistaken adjournment is as if it had not been
        assertThat(reopened.adjournedAt()).as("seed %d", seed).isEmpty();
        assertThat(MeetingPhase.of(reopened).state()).isEqualTo(MeetingPhase.State.IN_ITEM);
        assertThat(MeetingPhase.of(reopened).runningItem()).isEqualTo("3");
        assertThat(reopened.segments()).extracting(Segment::itemId).containsExactly("1", "2", "3");
        assertThat(adjourned.adjournedAt()).hasValue(START.plusSeconds(40 * 60));
        assertThat(MeetingPhase.of(adjourned).allowed()).containsExactlyInAnyOrder(AgendaEventType.REOPENED, AgendaEventType.CORRECTION);
        assertThat(MeetingPhase.of(adjourned).whyNot(AgendaEventType.ITEM_STARTED, "1")).contains(new MeetingPhase.Refusal(AgendaEventType.ITEM_STARTED, MeetingPhase.State.ADJOURNED, false));
    }

    @Test
    void shouldRefuseToStartTheItemAlreadyRunning() {
        MeetingPhase phase = phase(event(AgendaEventType.ITEM_STARTED, "2", 1));
        assertThat(phase.whyNot(AgendaEventType.ITEM_STARTED, "2")).contains(new MeetingPhase.Refusal(AgendaEventType.ITEM_STARTED, MeetingPhase.State.IN_ITEM, true));
        assertThat(phase.whyNot(AgendaEventType.ITEM_STARTED, "3")).isEmpty();
    }

    private static MeetingPhase phase(TimelineEvent... events) {
        return MeetingPhase.of(timeline(events));
    }

    private static MeetingTimeline timeline(TimelineEvent... events) {
        return new MeetingTimeline("m1", MEETING, List.of(events));
    }

    private static TimelineEvent event(AgendaEventType type, String itemId, int minutes) {
        return new TimelineEvent(type, itemId, START.plusSeconds(minutes * 60L), minutes);
    }
}
