package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.timeline.Buckets;

/**
 * The live signals of {@link AlertRules} for a comment newly counted in a meeting: a surge of the meeting's
 * volume in the comment's minute, a swing of its item's mood. Live by nature: judged on what has arrived.
 */
final class AlertCheck {

    /** The alerts to raise and what the meeting's signals remember afterwards. */
    record Outcome(Signals signals, List<Alert> alerts) {
    }

    private AlertCheck() {
    }

    static Outcome check(MeetingState meeting, Standing comment, Instant createdAt, boolean scored, Signals signals) {
        long minute = Math.floorDiv(comment.referenceTime, Contribution.MINUTE);
        Baseline baseline = signals == null ? Baseline.startingAt(minute) : signals.baseline();
        if (minute > baseline.lastMinute()) {
            long folded = 0;
            while (baseline.lastMinute() < minute && folded++ < AlertRules.MAX_FOLDED_MINUTES) {
                baseline = baseline.fold(meeting.figures.volume(baseline.lastMinute() * Contribution.MINUTE));
            }
            baseline = new Baseline(minute, baseline.mean(), baseline.variance(), baseline.minutes());
        }
        Signals now = signals == null ? new Signals(baseline, null, null) : signals.withBaseline(baseline);
        List<Alert> alerts = new ArrayList<>();
        if (minute < baseline.lastMinute()) {
            return new Outcome(now, alerts); // a late comment: the minute it belongs to has passed
        }
        String itemId = comment.itemId;
        String meetingId = meeting.meetingId;
        if (meeting.meeting() != null && meeting.meeting().item(itemId).map(AgendaItem::restricted).orElse(false)) {
            return new Outcome(now, alerts); // rule 5: a restricted item publishes counts only, no alerts
        }
        long thisMinute = meeting.figures.volume(minute * Contribution.MINUTE);
        if (AlertRules.surge(thisMinute, baseline) && cooledDown(now, Alert.Kind.SURGE, itemId, createdAt)) {
            Alert surge = new Alert(meetingId, itemId, Alert.Kind.SURGE, createdAt, thisMinute, round2(baseline.mean()),
                    String.format(Locale.ROOT, "Surge during %s: %d comments in one minute, against a usual %.1f",
                            itemLabel(meeting.meeting(), itemId), thisMinute, baseline.mean()));
            now = now.raised(key(Alert.Kind.SURGE, itemId), surge);
            alerts.add(surge);
        }
        if (scored) {
            ItemTally item = meeting.figures.item(itemId);
            long minuteStart = minute * Contribution.MINUTE;
            Mood window = item.moodBetween(minuteStart - (AlertRules.SWING_WINDOW_MINUTES - 1) * Contribution.MINUTE, minuteStart);
            Mood before = item.mood().minus(window);
            if (AlertRules.swing(window, before) && cooledDown(now, Alert.Kind.SWING, itemId, createdAt)) {
                Alert swing = new Alert(meetingId, itemId, Alert.Kind.SWING, createdAt, round2(window.mean()), round2(before.mean()),
                        String.format(Locale.ROOT, "Mood during %s turned %s: mean %+.2f over the last %d minutes, against %+.2f before",
                                itemLabel(meeting.meeting(), itemId), window.mean() > before.mean() ? "more positive" : "more negative",
                                window.mean(), AlertRules.SWING_WINDOW_MINUTES, before.mean()));
                now = now.raised(key(Alert.Kind.SWING, itemId), swing);
                alerts.add(swing);
            }
        }
        return new Outcome(now, alerts);
    }

    private static boolean cooledDown(Signals signals, Alert.Kind kind, String itemId, Instant at) {
        Long last = signals.lastRaised().get(key(kind, itemId));
        return last == null || Math.abs(at.toEpochMilli() - last) >= AlertRules.COOLDOWN.toMillis();
    }

    private static String key(Alert.Kind kind, String itemId) {
        return kind.name() + "/" + itemId;
    }

    static String itemLabel(Meeting meeting, String itemId) {
        Optional<AgendaItem> item = meeting == null ? Optional.empty() : meeting.item(itemId);
        return item.map(i -> "item " + i.number() + " (" + i.title() + ")")
                .orElse(Buckets.isBucket(itemId) ? Buckets.title(itemId).toLowerCase(Locale.ROOT) : "item " + itemId);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
