package org.chamberpulse.topology;

import org.chamberpulse.model.Alert;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ScoredComment;

/** Where a desk's collaborators send what they make, stamped with the time of the record being processed. */
interface Outputs {

    /** The wall clock: retention alone reads it. */
    long now();

    void scored(ScoredComment comment);

    void alert(Alert alert);

    void refuse(String key, DeadLetter deadLetter);

    /** To the desk of {@code hashtag}: another task's, or this one's through the handoff topic. */
    void handoff(String hashtag, DeskMessage message);
}
