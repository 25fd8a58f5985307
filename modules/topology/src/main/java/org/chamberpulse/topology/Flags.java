package org.chamberpulse.topology;

import java.util.List;
import java.util.TreeSet;

/** The flags the attribution adds to those of intake (profanity, abuse). */
final class Flags {

    /** A clerk hid the comment: still counted, never quoted. */
    static final String HIDDEN = "hidden";
    /** One of the copies of a coordinated burst. */
    static final String BURST = "burst";
    /** The clerk cleared the comment's moderation flags (a false positive): a mark, not a flag; it may be quoted. */
    static final String CLEARED = "cleared";

    private Flags() {
    }

    /** The intake's flags (none once cleared, but the mark) with burst and hidden as the comment stands now, sorted. */
    static List<String> of(List<String> intake, boolean burst, boolean hidden, boolean cleared) {
        if (!burst && !hidden && !cleared) {
            return intake;
        }
        TreeSet<String> flags = cleared ? new TreeSet<>(List.of(CLEARED)) : new TreeSet<>(intake);
        if (burst) {
            flags.add(BURST);
        }
        if (hidden) {
            flags.add(HIDDEN);
        }
        return List.copyOf(flags);
    }
}
