package org.chamberpulse.topology;

import java.time.Duration;
import java.time.Instant;
import org.chamberpulse.model.Pseudonyms;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.UnmatchedSummary;

/**
 * One task's desk: the router of its hashtags and the home of their meetings, shared by the two processor
 * nodes of the task (one reads the desk topic, the other the handoffs from other desks), so that both see
 * the same derived state. Every message is handled to the end before the next.
 */
final class Desk implements Outputs, Publisher.Sink {

    /** Retention is checked this often (wall clock); it frees state a {@code state.retention} after it went quiet. */
    static final Duration RETENTION_CHECK = Duration.ofMinutes(10);

    private final Router router;
    private final Homes homes;
    private final Publisher publisher;
    private final Duration retention;
    private ProcessorContext<String, DeskOutput> context;
    private long timestamp;

    Desk(ProcessorContext<String, DeskOutput> scheduler, Duration emitInterval, Duration retention, Duration reportGrace, CommentBudget budget, Pseudonyms ids) {
        this.context = scheduler;
        this.retention = retention;
        DeskStores stores = DeskStores.of(scheduler);
        this.homes = new Homes(stores, this, budget, ids);
        this.router = new Router(stores, homes, this);
        this.publisher = new Publisher(stores, homes, reportGrace);
        scheduler.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            enter(scheduler, scheduler.currentStreamTimeMs());
            publisher.publish(now, this);
        });
        scheduler.schedule(RETENTION_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> {
            enter(scheduler, scheduler.currentStreamTimeMs());
            homes.freezeQuiet(now, retention.toMillis(), meetingId -> publisher.recordBeforeFreezing(meetingId, now, this));
            router.forgetHeld(now - retention.toMillis());
        });
    }

    void process(ProcessorContext<String, DeskOutput> node, Record<String, DeskMessage> record) {
        enter(node, record.timestamp());
        String hashtag = record.key();
        DeskMessage message = record.value();
        if (message instanceof DeskMessage.CommentArrived arrived) {
            router.arrived(hashtag, arrived.comment());
        } else if (message instanceof DeskMessage.WindowChanged changed) {
            router.windowChanged(hashtag, changed.window().meetingId(), changed);
        } else if (message instanceof DeskMessage.WindowWithdrawn withdrawn) {
            router.windowChanged(hashtag, withdrawn.meetingId(), null);
        } else if (message instanceof DeskMessage.MeetingChanged changed) {
            homes.change(changed);
        } else if (message instanceof DeskMessage.Place place) {
            homes.place(place.meetingId(), place.comment(), place.via());
        } else if (message instanceof DeskMessage.Withdraw withdraw) {
            homes.withdraw(withdraw.meetingId(), withdraw.commentId(), withdraw.via());
        }
    }

    void close() {
        homes.release();
    }

    private void enter(ProcessorContext<String, DeskOutput> node, long recordTimestamp) {
        context = node;
        timestamp = recordTimestamp;
    }

    @Override
    public long now() {
        return context.currentSystemTimeMs();
    }

    @Override
    public void scored(ScoredComment comment) {
        context.forward(new Record<>(comment.meetingId(), new DeskOutput.Scored(comment), timestamp));
    }

    @Override
    public void alert(Alert alert) {
        context.forward(new Record<>(alert.meetingId(), new DeskOutput.Raised(alert), timestamp));
    }

    @Override
    public void refuse(String key, DeadLetter deadLetter) {
        DeadLetter stamped = new DeadLetter(deadLetter.reason(), deadLetter.topic(), deadLetter.partition(), deadLetter.offset(),
                Instant.ofEpochMilli(timestamp), deadLetter.value(), deadLetter.valueBase64());
        context.forward(new Record<>(key, new DeskOutput.Refused(stamped), timestamp));
    }

    @Override
    public void summary(ItemSummary summary) {
        context.forward(new Record<>(summary.key(), new DeskOutput.Summary(summary), timestamp));
    }

    @Override
    public void unmatched(UnmatchedSummary unmatched) {
        context.forward(new Record<>(unmatched.hashtag(), new DeskOutput.Unmatched(unmatched), timestamp));
    }

    @Override
    public void view(String meetingId, MeetingView view) {
        context.forward(new Record<>(meetingId, new DeskOutput.Viewed(meetingId, view), timestamp));
    }

    /** Stamped with when it was made: a reader finds the record by this time (MeetingView.ReportRef). */
    @Override
    public void record(ReportBundle bundle) {
        context.forward(new Record<>(bundle.meetingId(), new DeskOutput.Recorded(bundle), bundle.finalAt().toEpochMilli()));
    }

    @Override
    public void handoff(String hashtag, DeskMessage message) {
        context.forward(new Record<>(hashtag, new DeskOutput.Handoff(message), timestamp));
    }
}
