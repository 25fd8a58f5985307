package org.chamberpulse.ingest.sources;

import org.chamberpulse.model.Comment;

/** Where a source client puts the comments it reads: Kafka in production, a list in tests. */
@FunctionalInterface
public interface CommentSink {

    void accept(Comment comment);

    /** Returns once every comment accepted so far is safely stored; a client saves its resume point after it. */
    default void flush() {
    }
}
