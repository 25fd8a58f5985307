package org.chamberpulse.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * What a desk hears, keyed by hashtag. A desk is the router of its hashtags (rule 1) and the attributor
 * (rules 2 to 6) of the meetings whose home is one of them: a meeting's home is the first of its hashtags
 * when it was first published, kept for good, so that most comments are placed where they arrive.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DeskMessage.CommentArrived.class, name = "comment"),
    @JsonSubTypes.Type(value = DeskMessage.WindowChanged.class, name = "window"),
    @JsonSubTypes.Type(value = DeskMessage.WindowWithdrawn.class, name = "withdrawn"),
    @JsonSubTypes.Type(value = DeskMessage.MeetingChanged.class, name = "meeting"),
    @JsonSubTypes.Type(value = DeskMessage.Place.class, name = "place"),
    @JsonSubTypes.Type(value = DeskMessage.Withdraw.class, name = "withdraw")})
sealed interface DeskMessage {

    /** A valid comment carrying the key's hashtag, scored and moderated at intake. */
    record CommentArrived(ScoredComment comment) implements DeskMessage {
    }

    /** The window of a meeting that lists the key's hashtag, new or moved, and the meeting's home desk. */
    record WindowChanged(MeetingWindow window, String home) implements DeskMessage {
    }

    /** The meeting no longer lists the key's hashtag, or was deleted. */
    record WindowWithdrawn(String meetingId) implements DeskMessage {
    }

    /** To the meeting's home: its timeline and the comment ids the clerk hid. */
    record MeetingChanged(MeetingTimeline timeline, List<String> hidden) implements DeskMessage {
    }

    /** To the meeting's home: the router of hashtag {@code via} placed the comment in the meeting. */
    record Place(String meetingId, ScoredComment comment, String via) implements DeskMessage {
    }

    /** To the meeting's home: the router of hashtag {@code via} took the comment out of the meeting. */
    record Withdraw(String meetingId, String commentId, String via) implements DeskMessage {
    }
}
