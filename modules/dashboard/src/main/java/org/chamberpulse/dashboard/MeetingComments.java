package org.chamberpulse.dashboard;

import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.MeetingView;

/** The comments the topology placed in a meeting, as the clerk's console lists them to moderate. */
@FunctionalInterface
public interface MeetingComments {

    /**
     * A comment as the clerk sees it: its public id (the one every public output gives), its item and time,
     * its text (redacted at intake) and flags; {@code hidden} when the clerk hid it.
     */
    record Listed(String id, String itemId, Instant at, String text, List<String> flags, boolean hidden) {
    }

    /** Every comment placed in the meeting now, newest first. */
    List<Listed> of(MeetingView view);

    MeetingComments NONE = view -> List.of();
}
