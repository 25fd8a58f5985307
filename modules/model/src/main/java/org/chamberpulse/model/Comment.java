package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A public post on {@code pulse.comments.raw}, keyed {@code <source>:<id>}. {@code author} is already
 * pseudonymised by the ingest client; a repost has {@code repostOf} set to the original's id.
 */
public record Comment(
        String id,
        String source,
        String author,
        String text,
        List<String> hashtags,
        Instant createdAt,
        Instant receivedAt,
        String lang,
        String repostOf) {

    public static final int MAX_TEXT_LENGTH = 5_000;

    public Comment {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }

    @JsonIgnore
    public boolean isRepost() {
        return repostOf != null && !repostOf.isBlank();
    }

    /** The key this comment is published under on {@code pulse.comments.raw}. */
    public String key() {
        return id;
    }

    public Comment withText(String newText) {
        return new Comment(id, source, author, newText, hashtags, createdAt, receivedAt, lang, repostOf);
    }

    public Comment withHashtags(List<String> newHashtags) {
        return new Comment(id, source, author, text, newHashtags, createdAt, receivedAt, lang, repostOf);
    }

    /** The comment under other ids (its own and the original's of a repost), such as the public ones. */
    public Comment withIds(java.util.function.UnaryOperator<String> rename) {
        return new Comment(id == null ? null : rename.apply(id), source, author, text, hashtags, createdAt, receivedAt, lang,
                repostOf == null ? null : rename.apply(repostOf));
    }

    public Comment withAuthor(String newAuthor) {
        return new Comment(id, source, newAuthor, text, hashtags, createdAt, receivedAt, lang, repostOf);
    }
}
