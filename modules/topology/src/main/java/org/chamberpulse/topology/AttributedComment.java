package org.chamberpulse.topology;

import java.util.List;
import java.util.TreeSet;
import org.chamberpulse.model.ScoredComment;

/**
 * A comment held by a meeting's attributor: where it stands ({@code comment.itemId()}), which hashtag
 * routers placed it here ({@code via}: it stays while one does), and whether it is counted (false for a
 * later copy of the same text by the same author).
 */
public record AttributedComment(ScoredComment comment, List<String> via, boolean counted) {

    AttributedComment withVia(String hashtag, boolean present) {
        TreeSet<String> routers = new TreeSet<>(via);
        if (present) {
            routers.add(hashtag);
        } else {
            routers.remove(hashtag);
        }
        return new AttributedComment(comment, List.copyOf(routers), counted);
    }

    AttributedComment counted(boolean isCounted) {
        return new AttributedComment(comment, via, isCounted);
    }

    AttributedComment inItem(String itemId) {
        return new AttributedComment(comment.placedIn(comment.meetingId(), itemId), via, counted);
    }

    /** This comment with the flag added or taken away. */
    AttributedComment withFlag(String flag, boolean present) {
        TreeSet<String> flags = new TreeSet<>(comment.flags());
        if (present) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
        return new AttributedComment(comment.withFlags(List.copyOf(flags)), via, counted);
    }

    String id() {
        return comment.comment().id();
    }

    boolean repost() {
        return comment.comment().isRepost();
    }
}
