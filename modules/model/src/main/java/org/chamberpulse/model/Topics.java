package org.chamberpulse.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
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

    /**
     * One view per meeting, written often while it runs: small segments and an eager cleaner keep what a
     * dashboard reads at start close to one record per meeting.
     */
    public static final Topic<String, MeetingView> VIEWS =
            new Topic<>("pulse.views", KEYS, JsonSerde.of(MeetingView.class), null, Map.of(
                    TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()),
                    TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024),
                    TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1"));
    /**
     * The largest record of a meeting's record: 20,000 comments take about 8 MB of JSON (2 MB compressed), so
     * this holds some 80,000. It is also the producers' buffer, which a record must fit in whole (their default).
     */
    public static final int MAX_REPORT_BYTES = 32 * 1024 * 1024;
    public static final Topic<String, ReportBundle> REPORTS =
            new Topic<>("pulse.reports", KEYS, JsonSerde.of(ReportBundle.class), null, Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_REPORT_BYTES)));

    /** The ingest role's resume points, one per followed stream (issue 18). */
    public static final Topic<String, IngestCursor> INGEST_CURSORS =
            new Topic<>("pulse.ingest.cursors", KEYS, JsonSerde.of(IngestCursor.class), null);

    public static final List<Topic<String, ?>> ALL =
            List.of(MEETINGS, AGENDA, COMMENTS_RAW, COMMENTS_SCORED, SUMMARIES, UNMATCHED, ALERTS, MODERATION, DLQ, VIEWS, REPORTS, INGEST_CURSORS);

    /** The topics that hold what people wrote; the setting comments.retention says how long they keep it. */
    public static final List<Topic<String, ?>> HOLDING_COMMENT_TEXT = List.of(COMMENTS_RAW, COMMENTS_SCORED, DLQ);

    private Topics() {
    }
}
