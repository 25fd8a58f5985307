package org.chamberpulse.ingest.sources;

import org.chamberpulse.model.Comment;

/** Where a source client puts the comments it reads: Kafka in production, a list in tests. */
@FunctionalInterface
public interface CommentSink {

    void accept(Comment comment);
}
