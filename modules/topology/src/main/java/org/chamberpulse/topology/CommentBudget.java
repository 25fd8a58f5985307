package org.chamberpulse.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many comments the desks of one instance keep in memory together (their derived meeting states);
 * past it, each desk lets its least recently used meetings go, to be rebuilt from the store when needed.
 * Shared by the tasks of every stream thread, hence atomic.
 */
final class CommentBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    CommentBudget(long limit) {
        this.limit = limit;
    }

    void add(long comments) {
        held.addAndGet(comments);
    }

    boolean exceeded() {
        return held.get() > limit;
    }
}
