package org.chamberpulse.ingest.sources;

import java.time.Instant;

/**
 * Where a follower starts and how it keeps its place: the position saved before (null: none), the time to
 * backfill from when there is none (null: from now), and where it saves a new position, which it does only
 * after the sink has stored every post before it.
 */
public interface Resume {

    Resume NONE = new Resume() {
        @Override
        public String position() {
            return null;
        }

        @Override
        public Instant backfillFrom() {
            return null;
        }

        @Override
        public void save(String position) {
        }
    };

    String position();

    Instant backfillFrom();

    void save(String position);
}
