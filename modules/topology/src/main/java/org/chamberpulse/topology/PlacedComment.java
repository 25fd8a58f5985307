package org.chamberpulse.topology;

import java.util.List;
import java.util.TreeSet;
import org.chamberpulse.model.ScoredComment;

/**
 * A comment placed in a meeting, as its home desk stores it: the comment as intake scored it, and the
 * hashtags whose routers place it there (it stays while one does). Where it stands (item, counted,
 * burst, hidden) follows from the meeting's comments and agenda, and is not stored.
 */
record PlacedComment(ScoredComment comment, List<String> via) {

    /** The routers, sorted, with {@code hashtag} added or taken away. */
    static List<String> via(List<String> via, String hashtag, boolean present) {
        TreeSet<String> routers = new TreeSet<>(via);
        if (present) {
            routers.add(hashtag);
        } else {
            routers.remove(hashtag);
        }
        return List.copyOf(routers);
    }
}
