package org.chamberpulse.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.TimelineEvent;
import org.openjdk.jol.info.GraphLayout;

/**
 * {@code scripts/bench footprint [COMMENTS]}: the heap one meeting's derived state ({@link MeetingState}) takes
 * a comment, counted object by object (JOL): COMMENTS comments (default 12,000, a busy meeting) over three
 * hours and eight items, by 5,000 people, in the words residents use (a shared vocabulary, so that most
 * words of an item are used by many people). What the default of {@code state.comments} is sized by.
 */
final class StateFootprint {

    private static final String[] WORDS = ("council budget cuts tax rise libraries library youth services social care bus buses lanes "
            + "potholes repairs bins strike housing clean air zone drivers traders digbeth park petition signatures question answer "
            + "motion vote amendment leader opposition cabinet chair minutes agenda transparency stream sound great terrible good bad "
            + "shameful brilliant disgrace support against children centres schools crossings lighting street road ring hagley "
            + "residents families poorest businesses money spending waste").split(" ");
    private static final int ITEMS = 8;
    private static final int MINUTES = 180;

    private StateFootprint() {
    }

    public static void main(String[] args) {
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        Random random = new Random(1);
        MeetingState state = new MeetingState("m1", (meetingId, standing) -> null, id -> id);
        List<TimelineEvent> events = new ArrayList<>();
        for (int item = 0; item < ITEMS; item++) {
            events.add(new TimelineEvent(AgendaEventType.ITEM_STARTED, Integer.toString(item + 1), Fixtures.at(item * MINUTES / ITEMS), 0));
        }
        state.changeTimeline(new MeetingTimeline("m1", Fixtures.council("m1", Fixtures.START, 0), events), List.of(), (from, to) -> List.of());
        long before = GraphLayout.parseInstance(state).totalSize();
        for (int k = 0; k < comments; k++) {
            StringBuilder text = new StringBuilder();
            for (int w = 6 + random.nextInt(9); w > 0; w--) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            Comment comment = Fixtures.comment("mastodon:1" + (100_000_000 + k), "@resident" + random.nextInt(5_000) + "@mastodon.social",
                    text.append("#bcclive").toString(), Fixtures.at(0, random.nextInt(MINUTES * 60)));
            double compound = Math.round((random.nextDouble() * 2 - 1) * 10_000) / 10_000.0;
            Sentiment sentiment = new Sentiment(compound, 0.1, 0.8, 0.1, compound > 0.05 ? Sentiment.Label.POSITIVE
                    : compound < -0.05 ? Sentiment.Label.NEGATIVE : Sentiment.Label.NEUTRAL, "en", Sentiment.Model.TUNED);
            state.place(new ScoredComment(comment, null, null, sentiment, List.of()), "bcclive");
        }
        GraphLayout layout = GraphLayout.parseInstance(state);
        System.out.println(layout.toFootprint());
        System.out.printf("RESULT %,d comments held: %,d bytes, %,.0f bytes a comment%n", state.size(), layout.totalSize(),
                (layout.totalSize() - before) / (double) comments);
    }
}
