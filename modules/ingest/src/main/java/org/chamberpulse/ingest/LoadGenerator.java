package org.chamberpulse.ingest;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;

/**
 * Load for the benchmarks: {@code meetings} live meetings, opened now with an item running, and posts at
 * {@code rate} a second spread over them for {@code duration}, written as people write (PostWriter),
 * stamped with the time they are sent.
 */
public final class LoadGenerator {

    private static final PostWriter.Topic[] TOPICS = PostWriter.Topic.values();

    private final PulseProducer producer;
    private final Clock clock;
    private final Random random;
    /** Posts sent by every run of this generator: a post's number, so that a second run never repeats an id (a repeated id is a duplicate, not counted). */
    private long issued;

    public LoadGenerator(PulseProducer producer, Clock clock, long seed) {
        this.producer = producer;
        this.clock = clock;
        this.random = new Random(seed);
    }

    public record Result(long sent, Duration took) {
        public double perSecond() {
            return sent / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    /** Publishes the meetings and opens them; returns their ids, whose hashtags are {@code loadlive<n>}. */
    public List<String> openMeetings(int meetings, String run) throws Exception {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < meetings; m++) {
            String id = meetingId(run, m);
            List<AgendaItem> items = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                items.add(new AgendaItem(Integer.toString(i), Integer.toString(i), "Item " + i, i == 6, null, null));
            }
            producer.send(Topics.MEETINGS, id, new Meeting(id, "Load meeting " + m, "Load Test Council", List.of(hashtag(run, m)),
                    now, "Europe/London", 0, items)).get();
            producer.send(Topics.AGENDA, id, new AgendaEvent(id, AgendaEventType.OPENED, null, now, "load")).get();
            producer.send(Topics.AGENDA, id, new AgendaEvent(id, AgendaEventType.ITEM_STARTED, "1", now, "load")).get();
            ids.add(id);
        }
        return ids;
    }

    /** The id of the meeting numbered {@code meeting} (from 0) in {@code run}, as {@link #openMeetings} publishes it. */
    public static String meetingId(String run, int meeting) {
        return "load-" + run + "-" + meeting;
    }

    /** The hashtag of the meeting numbered {@code meeting} (from 0) in {@code run}; its id is the same entry of {@link #openMeetings}. */
    public static String hashtag(String run, int meeting) {
        return "load" + run + "m" + meeting;
    }

    /** Sends at the rate, paced every 10 ms, for the duration; reports once a second when {@code out} is given. */
    public Result run(int meetings, String run, double rate, Duration duration, PrintStream out) throws InterruptedException {
        PostWriter writer = new PostWriter(random);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long nextReport = start + 1_000_000_000L;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            while (sent < due) {
                int meeting = random.nextInt(meetings);
                PostWriter.Post post = writer.write(TOPICS[random.nextInt(TOPICS.length)], 0.4, hashtag(run, meeting), null);
                Instant now = clock.instant();
                long number = issued++;
                String id = "load:" + run + "-" + number;
                // A reference number keeps each text distinct: many people posting the same words within
                // minutes is a coordinated burst, which would count as one comment.
                String text = post.text() + " (ref " + run + "-" + number + ")";
                producer.send(Topics.COMMENTS_RAW, id, new Comment(id, "load", "u" + random.nextInt(5_000), text,
                        Text.hashtagsIn(text), now, now, post.lang(), null));
                sent++;
            }
            if (out != null && System.nanoTime() >= nextReport) {
                out.printf("%d posts sent%n", sent);
                nextReport += 1_000_000_000L;
            }
            Thread.sleep(10);
        }
        producer.flush();
        return new Result(sent, Duration.ofNanos(System.nanoTime() - start));
    }
}
