package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveStateTest {

    private final LiveState state = new LiveState();
    private final TopologyStandIn topology = new TopologyStandIn(state);

    @Test
    void shouldSeeAMeetingThatArrivesWhileWaiting() throws Exception {
        // given
        Meeting meeting = meeting("Cabinet");
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> await(meeting, Duration.ofMinutes(1)));

        // when
        topology.meeting(meeting("An older title"));
        topology.meeting(meeting);

        // then
        assertThat(seen.get()).isTrue();
    }

    @Test
    void shouldStopWaitingWhenTheMeetingHeldIsNotTheOnePublished() throws Exception {
        // given
        topology.meeting(meeting("An older title"));

        // when
        boolean seen = state.awaitMeeting(meeting("Cabinet"), Duration.ofMillis(50));

        // then
        assertThat(seen).isFalse();
    }

    @Test
    void shouldKeepItsBoundOfViewsInMemoryWithFiveThousandMeetingsAndServeEveryOne(@TempDir Path spill) {
        // given a state that keeps 200 whole views in memory
        LiveState bounded = new LiveState(200, spill);
        TopologyStandIn feed = new TopologyStandIn(bounded);

        // when 5,000 meetings arrive
        for (int m = 0; m < 5_000; m++) {
            feed.meeting(new Meeting("m" + m, "Meeting " + m, "Test Council", List.of("testlive"),
                    Instant.parse("2026-01-01T18:00:00Z").plus(Duration.ofDays(m % 1_000)).plusSeconds(m),
                    "Europe/London", 0, List.of(new AgendaItem("1", "1", "Questions", false, null, null))));
        }

        // then at most 200 are in memory, every one is served, and the list pages them newest first
        assertThat(bounded.viewsInMemory()).isLessThanOrEqualTo(200);
        assertThat(bounded.meetingCount()).isEqualTo(5_000);
        assertThat(bounded.meeting("m17")).hasValueSatisfying(view -> assertThat(view.meeting().title()).isEqualTo("Meeting 17"));
        LiveState.Page first = bounded.meetings(1, LiveState.PAGE_SIZE);
        assertThat(first.total()).isEqualTo(5_000);
        assertThat(first.pages()).isEqualTo(250);
        assertThat(first.meetings()).extracting(view -> view.meeting().scheduledStart()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(bounded.meetings(250, LiveState.PAGE_SIZE).meetings()).hasSize(20);
        assertThat(bounded.viewsInMemory()).isLessThanOrEqualTo(200);
    }

    private boolean await(Meeting meeting, Duration timeout) {
        try {
            return state.awaitMeeting(meeting, timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Meeting meeting(String title) {
        return new Meeting("m1", title, "Test Council", List.of("testlive"), Instant.parse("2026-11-27T14:00:00Z"),
                "Europe/London", 30, List.of(new AgendaItem("1", "1", "Questions", false, null, null)));
    }
}
