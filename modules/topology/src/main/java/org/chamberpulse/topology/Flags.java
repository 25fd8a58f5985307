package org.chamberpulse.topology;

import java.util.List;
import java.util.TreeSet;

/** The flags the attribution adds to those of intake (profanity, abuse). */
final class Flags {

    /** A clerk hid the comment: still counted, never quoted. */
    static final String HIDDEN = "hidden";
    /** One of the copies of a coordinated burst. */
    static final String BURST = "burst";

    private Flags() {
    }

    /** The intake's flags with burst and hidden as the comment stands now, sorted. */
    static List<String> of(List<String> intake, boolean burst, boolean hidden) {
        if (!burst && !hidden) {
            return intake;
        }
        TreeSet<String> flags = new TreeSet<>(intake);
        if (burst) {
            flags.add(BURST);
        }
        if (hidden) {
            flags.add(HIDDEN);
        }
        return List.copyOf(flags);
    }
}
