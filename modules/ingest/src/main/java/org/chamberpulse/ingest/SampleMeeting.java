package org.chamberpulse.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Text;

/**
 * Generates the bundled sample: a UK city's full council meeting with ten agenda items (one of them
 * exempt business), the clerk's agenda events (a recess, a late click corrected) and about two and a
 * half hours of public posts shaped like a real evening: chatter before the start, surges on the budget
 * and the Clean Air Zone, quiet procedural items, reposts, double posts and a few posts in Welsh.
 * The same seed always writes the same files.
 */
public final class SampleMeeting {

    public static final long DEFAULT_SEED = 20_261_124L;
    public static final String MEETING_FILE = "meeting.json";
    public static final String AGENDA_FILE = "agenda.jsonl";
    public static final String COMMENTS_FILE = "comments.jsonl";

    private static final String HASHTAG = "bcclive";
    private static final String MEETING_ID = "bcc-2026-11-24-full-council";
    private static final Instant SCHEDULED = Instant.parse("2026-11-24T14:00:00Z");
    private static final String[] SOURCES = {"mastodon", "mastodon", "bluesky", "bluesky", "x", "x", "x", "web"};

    /** An agenda item with how long it runs, how many posts a minute it draws, and how critical they are. */
    private record Plan(AgendaItem item, PostWriter.Topic topic, int minutes, double postsPerMinute, double negativeShare) {
    }

    public record Sample(Meeting meeting, List<AgendaEvent> agenda, List<Comment> comments) {
    }

    private final Random random;
    private final PostWriter writer;
    private final List<String> authors = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private int nextId = 1;

    private SampleMeeting(long seed) {
        this.random = new Random(seed);
        this.writer = new PostWriter(random);
        for (int i = 0; i < 460; i++) {
            byte[] hash = new byte[8];
            random.nextBytes(hash);
            authors.add(HexFormat.of().formatHex(hash));
        }
    }

    public static Sample generate(long seed) {
        return new SampleMeeting(seed).build();
    }

    private Sample build() {
        List<Plan> plans = List.of(
                plan("1", "Apologies", false, PostWriter.Topic.PROCEDURE, 4, 1.2, 0.3),
                plan("2", "Declarations of interest", false, PostWriter.Topic.PROCEDURE, 3, 0.8, 0.2),
                plan("3", "Minutes of the meeting held on 8 October 2026", false, PostWriter.Topic.PROCEDURE, 5, 1.0, 0.3),
                plan("4", "Public questions", false, PostWriter.Topic.QUESTIONS, 25, 7.5, 0.45),
                plan("5", "Petitions", false, PostWriter.Topic.PETITIONS, 10, 4.0, 0.35),
                plan("6", "Budget 2027/28 and council tax", false, PostWriter.Topic.BUDGET, 42, 16.0, 0.6),
                plan("7", "Motion: expanding the Clean Air Zone", false, PostWriter.Topic.CLEAN_AIR, 24, 14.0, 0.5),
                plan("8", "Motion: library opening hours", false, PostWriter.Topic.LIBRARIES, 14, 6.0, 0.25),
                plan("9", "Exempt business: disposal of land at Digbeth", true, PostWriter.Topic.EXEMPT, 8, 2.0, 0.5),
                plan("10", "Any other urgent business", false, PostWriter.Topic.CLOSE, 4, 2.5, 0.3));
        Meeting meeting = new Meeting(MEETING_ID, "Full Council", "Birmingham City Council", List.of(HASHTAG), SCHEDULED,
                "Europe/London", 30, plans.stream().map(Plan::item).toList());

        List<AgendaEvent> agenda = new ArrayList<>();
        Instant opened = SCHEDULED.plus(Duration.ofMinutes(3));
        agenda.add(event(AgendaEventType.OPENED, null, opened));
        posts(SCHEDULED.minus(Duration.ofMinutes(50)), opened.plusSeconds(60), 2.2, PostWriter.Topic.GENERAL, 0.2, null);
        Instant t = opened.plusSeconds(60);
        for (Plan plan : plans) {
            if (plan.item().itemId().equals("7")) {
                Instant recess = t;
                t = t.plus(Duration.ofMinutes(15));
                agenda.add(event(AgendaEventType.RECESS, null, recess));
                agenda.add(event(AgendaEventType.RESUMED, null, t));
                posts(recess, t, 3.0, PostWriter.Topic.GENERAL, 0.3, null);
            }
            if (plan.item().itemId().equals("5")) {
                // The clerk clicked late and corrected the start 45 seconds earlier.
                agenda.add(event(AgendaEventType.ITEM_STARTED, "5", t.plusSeconds(45)));
                agenda.add(event(AgendaEventType.CORRECTION, "5", t));
            } else {
                agenda.add(event(AgendaEventType.ITEM_STARTED, plan.item().itemId(), t));
            }
            Instant end = t.plus(Duration.ofMinutes(plan.minutes()));
            posts(t, end, plan.postsPerMinute(), plan.topic(), plan.negativeShare(), plan.item().number());
            if (plan.item().itemId().equals("6")) {
                // The vote on the budget: a burst of posts in three minutes.
                posts(end.minus(Duration.ofMinutes(3)), end, 25.0, plan.topic(), 0.65, plan.item().number());
            }
            t = end;
        }
        agenda.add(event(AgendaEventType.ADJOURNED, null, t));
        posts(t, t.plus(Duration.ofMinutes(25)), 3.0, PostWriter.Topic.CLOSE, 0.35, null);
        comments.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return new Sample(meeting, List.copyOf(agenda), List.copyOf(comments));
    }

    private static Plan plan(String number, String title, boolean restricted, PostWriter.Topic topic, int minutes, double rate, double negative) {
        return new Plan(new AgendaItem(number, number, title, restricted, Integer.toString(63_000 + Integer.parseInt(number)),
                Integer.toString(410 + Integer.parseInt(number))), topic, minutes, rate, negative);
    }

    private static AgendaEvent event(AgendaEventType type, String itemId, Instant at) {
        return new AgendaEvent(MEETING_ID, type, itemId, at, "clerk");
    }

    /** Posts as a Poisson process at {@code perMinute}, by authors of uneven activity, some reposts and double posts. */
    private void posts(Instant from, Instant to, double perMinute, PostWriter.Topic topic, double negativeShare, String itemNumber) {
        double meanGapMillis = 60_000.0 / perMinute;
        Instant t = from.plusMillis((long) (-Math.log(1 - random.nextDouble()) * meanGapMillis));
        while (t.isBefore(to)) {
            String source = SOURCES[random.nextInt(SOURCES.length)];
            String author = authors.get((int) (authors.size() * Math.pow(random.nextDouble(), 2.2)));
            double kind = random.nextDouble();
            if (kind < 0.11 && !comments.isEmpty()) {
                Comment original = comments.get(comments.size() - 1 - random.nextInt(Math.min(40, comments.size())));
                add(new Comment(source + ":" + nextId++, source, author, original.text(), original.hashtags(), t,
                        t.plusSeconds(1 + random.nextInt(3)), original.lang(), original.id()));
            } else if (kind < 0.125 && !comments.isEmpty()) {
                // A double post: the same author sends the same words again (counted once).
                Comment original = comments.get(comments.size() - 1);
                add(new Comment(original.source() + ":" + nextId++, original.source(), original.author(), original.text(), original.hashtags(),
                        t, t.plusSeconds(1), original.lang(), null));
            } else {
                PostWriter.Post post = writer.write(topic, negativeShare, HASHTAG, itemNumber);
                add(new Comment(source + ":" + nextId++, source, author, post.text(), Text.hashtagsIn(post.text()), t,
                        t.plusSeconds(1 + random.nextInt(3)), post.lang(), null));
            }
            t = t.plusMillis(1 + (long) (-Math.log(1 - random.nextDouble()) * meanGapMillis));
        }
    }

    private void add(Comment comment) {
        comments.add(comment);
    }

    /** The sample bundled with the product (generated with {@link #DEFAULT_SEED}), from the class path. */
    public static Sample bundled() {
        try {
            Meeting meeting = Json.MAPPER.readValue(resource(MEETING_FILE), Meeting.class);
            List<AgendaEvent> agenda = values(ReplayFile.read(resource(AGENDA_FILE), AgendaEvent.class));
            List<Comment> comments = values(ReplayFile.read(resource(COMMENTS_FILE), Comment.class));
            return new Sample(meeting, agenda, comments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled sample", e);
        }
    }

    private static BufferedReader resource(String name) {
        var stream = SampleMeeting.class.getResourceAsStream("/sample/" + name);
        if (stream == null) {
            throw new IllegalStateException("the bundled sample lacks " + name);
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private static <T> List<T> values(List<ReplayFile.Line<T>> lines) {
        return lines.stream().map(ReplayFile.Line::value).toList();
    }

    /** Writes the sample as {@code meeting.json}, {@code agenda.jsonl} and {@code comments.jsonl}. */
    public static void write(Sample sample, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MEETING_FILE),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample.meeting()) + "\n", StandardCharsets.UTF_8);
            Files.write(dir.resolve(AGENDA_FILE), lines(sample.agenda()), StandardCharsets.UTF_8);
            Files.write(dir.resolve(COMMENTS_FILE), lines(sample.comments()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample to " + dir, e);
        }
    }

    private static List<String> lines(List<?> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Object record : records) {
            lines.add(Json.MAPPER.writeValueAsString(record));
        }
        return lines;
    }
}
