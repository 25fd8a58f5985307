package org.chamberpulse.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chamberpulse.model.Alert;
import java.util.TreeMap;

/**
 * What the alerts of one meeting remember between comments, stored at its home: the baseline of its
 * volume, when each kind of alert last went out per item ({@code <kind>/<itemId>} to event-time millis),
 * and the latest alerts, for the meeting's view.
 */
record Signals(Baseline baseline, Map<String, Long> lastRaised, List<Alert> recent) {

    /** The alerts a meeting's view carries. */
    static final int RECENT = 20;

    Signals {
        lastRaised = lastRaised == null ? Map.of() : Map.copyOf(lastRaised);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    Signals withBaseline(Baseline newBaseline) {
        return new Signals(newBaseline, lastRaised, recent);
    }

    Signals raised(String kindAndItem, Alert alert) {
        Map<String, Long> more = new TreeMap<>(lastRaised);
        more.put(kindAndItem, alert.at().toEpochMilli());
        List<Alert> latest = new ArrayList<>(recent);
        latest.add(alert);
        return new Signals(baseline, more, latest.subList(Math.max(0, latest.size() - RECENT), latest.size()));
    }
}
