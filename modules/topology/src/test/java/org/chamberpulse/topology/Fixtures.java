package org.chamberpulse.topology;

import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Meeting;

/** Small meetings and comments for the tests. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-11-27T14:00:00Z");

    private Fixtures() {
    }

    static Meeting council(String meetingId, Instant scheduledStart, int delaySeconds) {
        return new Meeting(meetingId, "City Council", "Birmingham City Council", List.of("bcclive"), scheduledStart,
                "Europe/London", delaySeconds, List.of(
                        new AgendaItem("1", "1", "Apologies", false, "63001", "401"),
                        new AgendaItem("2", "2", "Public questions", false, "63002", "402"),
                        new AgendaItem("3", "3", "Exempt business", true, "63003", "403")));
    }

    static Comment comment(String id, String author, String text, Instant createdAt) {
        return new Comment(id, "mastodon", author, text, List.of("bcclive"), createdAt, createdAt.plusSeconds(1), "en", null);
    }

    static Comment comment(String id, String author, String text, Instant createdAt, List<String> hashtags) {
        return new Comment(id, "mastodon", author, text, hashtags, createdAt, createdAt.plusSeconds(1), "en", null);
    }

    static Comment repost(String id, String author, String originalId, Instant createdAt) {
        return new Comment(id, "mastodon", author, "", List.of("bcclive"), createdAt, createdAt.plusSeconds(1), "en", originalId);
    }

    static Instant at(int minutesAfterStart) {
        return START.plusSeconds(minutesAfterStart * 60L);
    }

    static Instant at(int minutesAfterStart, int seconds) {
        return START.plusSeconds(minutesAfterStart * 60L + seconds);
    }
}
