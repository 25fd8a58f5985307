package org.chamberpulse.model;

/**
 * Valid comments carrying {@code hashtag} whose time lies in the window of no meeting that lists it,
 * on {@code pulse.unmatched} (compacted, keyed by hashtag). Counted, never dropped silently; they are
 * placed, and leave this count, if a meeting's window later comes to hold them.
 */
public record UnmatchedSummary(String hashtag, long count, long reposts, long version) {
}
