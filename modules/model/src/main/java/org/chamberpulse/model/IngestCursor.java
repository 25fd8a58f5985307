package org.chamberpulse.model;

import java.time.Instant;

/**
 * Where an ingest follower has read to, on {@code pulse.ingest.cursors} (compacted, keyed by {@code stream}):
 * saved only once every post before it is on {@code pulse.comments.raw}, so that any instance that takes over
 * resumes from it and misses nothing (issue 18).
 *
 * @param stream   what is followed: {@code mastodon|<server>|<hashtag>}, {@code bluesky|<endpoint>}
 * @param position the source's own resume point: a Mastodon status id, a Jetstream {@code time_us}
 * @param at       when it was saved
 */
public record IngestCursor(String stream, String position, Instant at) {
}
