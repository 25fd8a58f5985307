package org.chamberpulse.topology;

/** The running unmatched figures of one hashtag. */
public record UnmatchedCount(long count, long reposts, long version) {

    static final UnmatchedCount ZERO = new UnmatchedCount(0, 0, 0);

    UnmatchedCount plus(boolean repost, int delta) {
        return repost ? new UnmatchedCount(count, reposts + delta, version) : new UnmatchedCount(count + delta, reposts, version);
    }

    UnmatchedCount nextVersion() {
        return new UnmatchedCount(count, reposts, version + 1);
    }
}
