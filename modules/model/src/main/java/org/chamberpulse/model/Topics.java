package org.chamberpulse.model;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The public topics of ChamberPulse (see DESIGN.md). */
public final class Topics {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);
    private static final Serde<String> KEYS = Serdes.String();

    public static final Topic<String, Meeting> MEETINGS =
            new Topic<>("pulse.meetings", KEYS, JsonSerde.of(Meeting.class), null);
    public static final Topic<String, AgendaEvent> AGENDA =
            new Topic<>("pulse.agenda", KEYS, JsonSerde.of(AgendaEvent.class), THIRTY_DAYS);
    public static final Topic<String, Comment> COMMENTS_RAW =
            new Topic<>("pulse.comments.raw", KEYS, JsonSerde.of(Comment.class), SEVEN_DAYS);
    public static final Topic<String, ScoredComment> COMMENTS_SCORED =
            new Topic<>("pulse.comments.scored", KEYS, JsonSerde.of(ScoredComment.class), THIRTY_DAYS);
    public static final Topic<String, ItemSummary> SUMMARIES =
            new Topic<>("pulse.summaries", KEYS, JsonSerde.of(ItemSummary.class), null);
    public static final Topic<String, UnmatchedSummary> UNMATCHED =
            new Topic<>("pulse.unmatched", KEYS, JsonSerde.of(UnmatchedSummary.class), null);
    public static final Topic<String, Alert> ALERTS =
            new Topic<>("pulse.alerts", KEYS, JsonSerde.of(Alert.class), THIRTY_DAYS);
    public static final Topic<String, ModerationEvent> MODERATION =
            new Topic<>("pulse.moderation", KEYS, JsonSerde.of(ModerationEvent.class), THIRTY_DAYS);
    public static final Topic<String, DeadLetter> DLQ =
            new Topic<>("pulse.dlq", KEYS, JsonSerde.of(DeadLetter.class), THIRTY_DAYS);

    public static final List<Topic<String, ?>> ALL =
            List.of(MEETINGS, AGENDA, COMMENTS_RAW, COMMENTS_SCORED, SUMMARIES, UNMATCHED, ALERTS, MODERATION, DLQ);

    /** The topics that hold what people wrote; the setting comments.retention says how long they keep it. */
    public static final List<Topic<String, ?>> HOLDING_COMMENT_TEXT = List.of(COMMENTS_RAW, COMMENTS_SCORED, DLQ);

    private Topics() {
    }
}
