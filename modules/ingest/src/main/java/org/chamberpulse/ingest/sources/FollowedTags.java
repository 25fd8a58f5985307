package org.chamberpulse.ingest.sources;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The hashtags a stream client follows (Bluesky's, X's), changed by the ingest role while the client's
 * thread streams: the client's figures and each hashtag's, and the client's thread waiting for a change.
 */
final class FollowedTags {

    private final SourceStats stats;
    private final Map<String, SourceStats> perTag = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private volatile Set<String> tags = Set.of();

    /** @param restored hashtags followed before a restart, without figures until they are followed again */
    FollowedTags(SourceStats stats, Set<String> restored) {
        this.stats = stats;
        this.tags = Set.copyOf(restored);
    }

    Set<String> tags() {
        return tags;
    }

    SourceStats stats() {
        return stats;
    }

    SourceStats stats(String tag) {
        return perTag.get(tag);
    }

    /**
     * Follows {@code normalised} from now on, each hashtag with its figures ({@code statsOf} for a new one); then
     * runs {@code whileChanging} under the lock the client's thread waits on, and wakes that thread.
     */
    void follow(Set<String> normalised, Function<String, SourceStats> statsOf, Runnable whileChanging) {
        normalised.forEach(tag -> perTag.computeIfAbsent(tag, statsOf));
        perTag.keySet().retainAll(normalised);
        tags = Set.copyOf(normalised);
        synchronized (changes) {
            whileChanging.run();
            changes.notifyAll();
        }
    }

    /** Wakes the client's thread, as to stop it. */
    void wake() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** Waits up to a second for the hashtags to change; false when the thread is interrupted (it should stop). */
    boolean awaitChange() {
        synchronized (changes) {
            try {
                changes.wait(1_000);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    void connected(long nowMillis) {
        stats.connected(nowMillis);
        perTag.values().forEach(s -> s.connected(nowMillis));
    }

    void disconnected(String why) {
        stats.disconnected(why);
        perTag.values().forEach(s -> s.disconnected(why));
    }

    /** A comment published: counted for the client and for each followed hashtag it carries. */
    void published(Collection<String> commentTags, long nowMillis) {
        stats.received();
        stats.published(nowMillis);
        for (String tag : commentTags) {
            SourceStats tagStats = perTag.get(tag);
            if (tagStats != null) {
                tagStats.received();
                tagStats.published(nowMillis);
            }
        }
    }
}
