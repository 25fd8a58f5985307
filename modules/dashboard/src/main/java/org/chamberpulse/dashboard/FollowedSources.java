package org.chamberpulse.dashboard;

import java.util.List;
import java.util.Map;

/** The state of the sources that follow some hashtags (the ingest role's, issue 18), as the clerk's console shows it. */
@FunctionalInterface
public interface FollowedSources {

    /** An instance without the ingest role: it knows of no source. */
    FollowedSources NONE = hashtags -> null;

    /**
     * One entry a follower ({@code source}, {@code server}, {@code hashtag}, {@code connected}, {@code published},
     * {@code lastPostAt}, {@code problem}), or null when this instance does not run the ingest role.
     */
    List<Map<String, Object>> of(List<String> hashtags);
}
