package org.chamberpulse.model;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Seeded random scored comments for tests of their formats: nulls in every field that may hold one, hard texts. */
public final class RandomComments {

    private static final String[] PIECES = {"bus", " ", "😀", "é", "#Tag", "\"", "\\", "\u0000", "lanes", "ß", "\uD83D\uDC4D", "中文", ""};

    private RandomComments() {
    }

    public static ScoredComment scoredComment(Random random) {
        Instant createdAt = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
        Comment comment = new Comment(maybe(random, "mastodon:" + random.nextLong()), maybe(random, "bluesky"), maybe(random, "p:" + random.nextInt()),
                maybe(random, text(random)), random.nextBoolean() ? List.of() : List.of("bcclive", text(random)),
                random.nextInt(10) == 0 ? null : createdAt, random.nextInt(10) == 0 ? null : createdAt.plusMillis(random.nextInt(5_000)),
                maybe(random, "en"), maybe(random, "mastodon:1"), random.nextBoolean() ? null : createdAt.plusSeconds(60), random.nextInt(5) == 0);
        Sentiment.Label label = Sentiment.Label.values()[random.nextInt(Sentiment.Label.values().length)];
        Sentiment.Model model = random.nextBoolean() ? null : Sentiment.Model.values()[random.nextInt(Sentiment.Model.values().length)];
        Sentiment sentiment = random.nextInt(10) == 0 ? null : new Sentiment(random.nextBoolean() ? null : random.nextDouble() * 2 - 1,
                random.nextDouble(), random.nextDouble(), random.nextDouble(), label, maybe(random, "fr"), model);
        List<String> flags = random.nextBoolean() ? List.of() : List.of("abuse", "profanity").subList(0, 1 + random.nextInt(2));
        return new ScoredComment(random.nextInt(50) == 0 ? null : comment, maybe(random, "m-" + random.nextInt(50)),
                maybe(random, Integer.toString(random.nextInt(9))), sentiment, flags);
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(6) == 0 ? null : value;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int k = random.nextInt(12); k > 0; k--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
