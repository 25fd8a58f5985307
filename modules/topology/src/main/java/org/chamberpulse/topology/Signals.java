package org.chamberpulse.topology;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the alerts of one meeting remember between comments, stored at its home: the baseline of its
 * volume, and when each kind of alert last went out per item ({@code <kind>/<itemId>} to event-time millis).
 */
record Signals(Baseline baseline, Map<String, Long> lastRaised) {

    Signals {
        lastRaised = lastRaised == null ? Map.of() : Map.copyOf(lastRaised);
    }

    Signals withBaseline(Baseline newBaseline) {
        return new Signals(newBaseline, lastRaised);
    }

    Signals raised(String kindAndItem, long at) {
        Map<String, Long> more = new TreeMap<>(lastRaised);
        more.put(kindAndItem, at);
        return new Signals(baseline, more);
    }
}
