package org.chamberpulse.ingest.agenda;

import java.time.ZoneId;
import java.util.List;

/**
 * What an import adds to an agenda that the committee system does not know: the hashtags people will
 * use, the meeting's id in ChamberPulse, and the broadcast delay. Null or empty fields keep what the
 * source says (or the defaults: Europe/London, a 30-second delay).
 */
public record MeetingDefaults(String meetingId, List<String> hashtags, ZoneId zone, Integer broadcastDelaySeconds, String title, String body) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
    public static final int DEFAULT_DELAY_SECONDS = 30;

    public MeetingDefaults {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }

    public static MeetingDefaults none() {
        return new MeetingDefaults(null, List.of(), null, null, null, null);
    }

    ZoneId zoneOr(ZoneId fallback) {
        return zone != null ? zone : fallback != null ? fallback : DEFAULT_ZONE;
    }

    int delayOr(Integer fallback) {
        return broadcastDelaySeconds != null ? broadcastDelaySeconds : fallback != null ? fallback : DEFAULT_DELAY_SECONDS;
    }
}
