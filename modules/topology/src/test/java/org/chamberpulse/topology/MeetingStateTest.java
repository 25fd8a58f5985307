package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

/** A meeting's derived state on its own, without Kafka: a map stands in for the store of placed comments. */
class MeetingStateTest {

    private final Map<String, ScoredComment> stored = new HashMap<>();
    private final List<ScoredComment> published = new ArrayList<>();
    private final MeetingState state = newState();

    private MeetingState newState() {
        MeetingState meeting = new MeetingState("m1", (meetingId, standing) -> stored.get(standing.id), id -> "public:" + id);
        meeting.figures.effects(new MeetingFigures.Effects() {
            @Override
            public void scored(ScoredComment comment) {
                published.add(comment);
            }

            @Override
            public void dirty(String itemId, long receivedAt) {
            }
        });
        return meeting;
    }

    @Test
    void shouldMoveOnlyTheCommentsWhoseItemTheAgendaChanged() {
        // given: item 1 from minute 0, comments at minutes 1 to 30
        state.changeTimeline(timeline(start("1", 0)), List.of(), (from, to) -> List.of());
        for (int minute = 1; minute <= 30; minute++) {
            place(comment("c" + minute, "a" + minute, "Point " + minute, at(minute)));
        }
        published.clear();

        // when: item 2 starts at minute 20, after the comments arrived
        state.changeTimeline(timeline(start("1", 0), start("2", 20)), List.of(), (from, to) -> inSpan(from, to));

        // then: the eleven comments from minute 20 on moved, and only they were published again
        assertThat(state.figures.items().get("1").count).isEqualTo(19);
        assertThat(state.figures.items().get("2").count).isEqualTo(11);
        assertThat(published).hasSize(11).allSatisfy(comment -> assertThat(comment.itemId()).isEqualTo("2"));
    }

    @Test
    void shouldEndInTheSameStateWhateverTheOrderOfCommentsAndCopies() {
        // given: copies of one text by six authors within minutes (a burst), a repeat by one author, others
        List<Comment> comments = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            comments.add(comment("burst" + k, "a" + k, "Vote NO on the cuts to our libraries", at(3, k * 30)));
        }
        comments.add(comment("again", "a0", "vote no on the  cuts to our  libraries", at(9)));
        for (int k = 0; k < 10; k++) {
            comments.add(comment("own" + k, "b" + k, "My own view " + k, at(k)));
        }
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);

        // when: placed in order, and in a shuffled order into a second state
        comments.forEach(this::place);
        List<Comment> shuffled = new ArrayList<>(comments);
        Collections.shuffle(shuffled, random);
        MeetingStateTest other = new MeetingStateTest();
        shuffled.forEach(other::place);

        // then: the burst counts once and flagged, the repeat not at all, in both
        for (MeetingState meeting : List.of(state, other.state)) {
            ItemTally pre = meeting.figures.items().get("pre");
            assertThat(pre.count).as("seed %d", seed).isEqualTo(11);
            assertThat(pre.flagged).as("seed %d", seed).isEqualTo(1);
            assertThat(pre.authors).as("seed %d", seed).hasSize(11);
        }
    }

    private void place(Comment comment) {
        ScoredComment scored = new ScoredComment(comment, null, null, Sentiment.NONE, List.of());
        stored.put(comment.id(), scored);
        state.place(scored, "bcclive");
    }

    private List<ScoredComment> inSpan(long from, long to) {
        return stored.values().stream().filter(c -> c.comment().createdAt().toEpochMilli() >= from && c.comment().createdAt().toEpochMilli() < to).toList();
    }

    private static TimelineEvent start(String itemId, int minute) {
        return new TimelineEvent(AgendaEventType.ITEM_STARTED, itemId, at(minute), 0);
    }

    private static MeetingTimeline timeline(TimelineEvent... events) {
        return new MeetingTimeline("m1", council("m1", Fixtures.START, 0), List.of(events));
    }
}
