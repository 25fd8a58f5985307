package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    private final LiveState state = new LiveState();

    @Test
    void shouldSeeAMeetingThatArrivesWhileWaiting() throws Exception {
        // given
        Meeting meeting = meeting("Cabinet");
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> await(meeting, Duration.ofMinutes(1)));

        // when
        state.meeting("m1", meeting("An older title"));
        state.meeting("m1", meeting);

        // then
        assertThat(seen.get()).isTrue();
    }

    @Test
    void shouldStopWaitingWhenTheMeetingHeldIsNotTheOnePublished() throws Exception {
        // given
        state.meeting("m1", meeting("An older title"));

        // when
        boolean seen = state.awaitMeeting(meeting("Cabinet"), Duration.ofMillis(50));

        // then
        assertThat(seen).isFalse();
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
