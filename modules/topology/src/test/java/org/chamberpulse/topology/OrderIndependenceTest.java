package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.Test;

/**
 * Rule 3 as a property: for seeded random meetings, delivering the agenda events and comments (some edited,
 * some withdrawn) in a shuffled order, some of them twice, gives exactly the summaries of the in-order run; also when the
 * posts of a meeting held days later, past the state retention in event time, are mixed in.
 */
class OrderIndependenceTest {

    private static final int SCENARIOS = 12;
    private static final Instant DAY = Instant.parse("2026-11-27T14:00:00Z");
    private static final String[] TEXTS = {"Great point on buses", "This budget is a disaster", "Who is speaking?",
        "Diolch yn fawr i bawb am y cyfarfod heddiw", "Vote NO", "Libraries matter", "Terrible answer", "Well done chair"};

    /** One input to replay: an agenda event or a comment. */
    private record Step(Instant at, Consumer<PulseDriver> send) {
    }

    @Test
    void shouldGiveTheSameSummariesWhateverTheArrivalOrder() {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        for (int scenario = 0; scenario < SCENARIOS; scenario++) {
            List<Meeting> meetings = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            generate(random, meetings, steps);

            Result inOrder = run(meetings, steps.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList(), Map.of(), Duration.ZERO);
            List<Step> shuffled = new ArrayList<>(steps);
            Collections.shuffle(shuffled, random);
            List<Step> withRepeats = new ArrayList<>(shuffled);
            shuffled.stream().filter(step -> random.nextInt(5) == 0).forEach(withRepeats::add);
            Collections.shuffle(withRepeats, random);
            Result anyOrder = run(meetings, withRepeats, Map.of(), Duration.ZERO);
            // Room for one comment's state, and every meeting idle long enough between steps to be let go:
            // each is rebuilt from the store in turn. With time between steps, summaries go out in between, so an
            // item that held comments for a while ends published empty: the same as never published.
            Result rebuilt = run(meetings, withRepeats, Map.of("state.comments", "1"), Duration.ofMillis(Homes.IDLE_BEFORE_LETTING_GO));

            assertThat(anyOrder.summaries()).as("seed %d, scenario %d", seed, scenario).isEqualTo(inOrder.summaries());
            assertThat(anyOrder.unmatched()).as("seed %d, scenario %d", seed, scenario).isEqualTo(inOrder.unmatched());
            assertThat(withoutEmpty(rebuilt.summaries())).as("seed %d, scenario %d, rebuilt", seed, scenario).isEqualTo(withoutEmpty(inOrder.summaries()));
            assertThat(rebuilt.unmatched()).as("seed %d, scenario %d, rebuilt", seed, scenario).isEqualTo(inOrder.unmatched());
        }
    }

    private record Result(Map<String, ItemSummary> summaries, Map<String, UnmatchedSummary> unmatched) {
    }

    private static Result run(List<Meeting> meetings, List<Step> steps, Map<String, String> settings, Duration betweenSteps) {
        try (PulseDriver driver = new PulseDriver(settings)) {
            meetings.forEach(driver::publish);
            steps.forEach(step -> {
                step.send().accept(driver);
                if (!betweenSteps.isZero()) {
                    driver.advanceWallClock(betweenSteps);
                }
            });
            Map<String, ItemSummary> summaries = new TreeMap<>();
            driver.summaries().forEach((key, s) -> summaries.put(key, withoutVersion(s)));
            Map<String, UnmatchedSummary> unmatched = new TreeMap<>();
            driver.unmatched().forEach((key, u) -> unmatched.put(key, u.withVersion(0)));
            return new Result(summaries, unmatched);
        }
    }

    private static Map<String, ItemSummary> withoutEmpty(Map<String, ItemSummary> summaries) {
        Map<String, ItemSummary> some = new TreeMap<>(summaries);
        some.values().removeIf(s -> s.count() == 0 && s.reposts() == 0);
        return some;
    }

    /** The version counts updates, which depend on arrival order by design; every figure must not. */
    private static ItemSummary withoutVersion(ItemSummary s) {
        return new ItemSummary(s.meetingId(), s.itemId(), s.number(), s.title(), s.count(), s.reposts(), s.uniqueAuthors(),
                s.sentiment(), s.perMinute(), s.topHashtags(), s.topTerms(), s.flagged(), s.restricted(), s.firstAt(), s.lastAt(), s.quotes(), 0, null);
    }

    /** One or two meetings on one hashtag, their clerk's events, and comments in and around their windows. */
    private static void generate(Random random, List<Meeting> meetings, List<Step> steps) {
        int meetingCount = 1 + random.nextInt(3);
        for (int m = 0; m < meetingCount; m++) {
            String meetingId = "m" + m;
            // A third meeting on the same hashtag days later: more event time than state.retention lies between them.
            Instant scheduled = m < 2 ? DAY.plus(Duration.ofHours(5L * m)) : DAY.plus(PulseDriver.CONFIG.stateRetention()).plus(Duration.ofDays(1));
            int delay = random.nextInt(3) * 15;
            List<AgendaItem> items = new ArrayList<>();
            int itemCount = 2 + random.nextInt(4);
            for (int i = 1; i <= itemCount; i++) {
                items.add(new AgendaItem("i" + i, Integer.toString(i), "Item " + i, random.nextInt(6) == 0, null, null));
            }
            // The second meeting also has a hashtag of its own, first in order: its home desk is that one, and the
            // comments that reach it through the shared hashtag are handed over.
            List<String> hashtags = m == 1 ? List.of("testlive", "extralive") : List.of("testlive");
            meetings.add(new Meeting(meetingId, "Meeting " + m, "Council", hashtags, scheduled, "Europe/London", delay, items));

            Instant t = scheduled.plusSeconds(random.nextInt(1200) - 600);
            agenda(steps, meetingId, AgendaEventType.OPENED, null, t);
            for (AgendaItem item : items) {
                t = t.plusSeconds(60 + random.nextInt(900));
                agenda(steps, meetingId, AgendaEventType.ITEM_STARTED, item.itemId(), t);
                if (random.nextInt(4) == 0) {
                    agenda(steps, meetingId, AgendaEventType.CORRECTION, item.itemId(), t.minusSeconds(random.nextInt(60)));
                }
                if (random.nextInt(5) == 0) {
                    agenda(steps, meetingId, AgendaEventType.RECESS, null, t.plusSeconds(120));
                    agenda(steps, meetingId, AgendaEventType.RESUMED, null, t.plusSeconds(300));
                }
            }
            Instant adjourned = t.plusSeconds(600 + random.nextInt(1200));
            agenda(steps, meetingId, AgendaEventType.ADJOURNED, null, adjourned);

            int comments = 20 + random.nextInt(60);
            long spanSeconds = Duration.between(scheduled.minus(Duration.ofMinutes(90)), adjourned.plus(Duration.ofMinutes(90))).getSeconds();
            for (int c = 0; c < comments; c++) {
                Instant at = scheduled.minus(Duration.ofMinutes(90)).plusSeconds((long) (random.nextDouble() * spanSeconds));
                String author = "a" + random.nextInt(15);
                String text = TEXTS[random.nextInt(TEXTS.length)];
                List<String> tags = new ArrayList<>(List.of(m == 1 && random.nextInt(3) == 0 ? "extralive" : "testlive"));
                if (m == 1 && random.nextInt(4) == 0) {
                    tags.add(tags.contains("testlive") ? "extralive" : "testlive");
                }
                if (random.nextInt(8) == 0) {
                    tags.add("item" + (1 + random.nextInt(itemCount + 1)));
                }
                if (random.nextInt(6) == 0) {
                    tags.add("buses");
                }
                String id = meetingId + "-c" + c;
                String repostOf = random.nextInt(8) == 0 && c > 0 ? meetingId + "-c" + random.nextInt(c) : null;
                Comment comment = new Comment(id, "web", author, repostOf != null ? "" : text, tags, at, at.plusSeconds(2), null, repostOf);
                steps.add(new Step(at, driver -> driver.comment(comment)));
                // Posts edited or deleted on their network: versions of the post, in any order (issue 18).
                int fate = random.nextInt(10);
                if (fate == 0 && repostOf == null) {
                    Instant editedAt = at.plusSeconds(30 + random.nextInt(600));
                    Comment edit = comment.editedAt(editedAt).withText(TEXTS[random.nextInt(TEXTS.length)] + " (edited)");
                    steps.add(new Step(editedAt, driver -> driver.comment(edit)));
                } else if (fate == 1) {
                    Instant deletedAt = at.plusSeconds(30 + random.nextInt(600));
                    Comment withdrawal = Comment.withdrawal(id, "web", author, tags, at, deletedAt);
                    steps.add(new Step(deletedAt, driver -> driver.comment(withdrawal)));
                }
            }
        }
    }

    private static void agenda(List<Step> steps, String meetingId, AgendaEventType type, String itemId, Instant at) {
        steps.add(new Step(at, driver -> driver.agenda(meetingId, type, itemId, at)));
    }
}
