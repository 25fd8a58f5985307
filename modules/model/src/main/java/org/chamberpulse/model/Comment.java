package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A public post on {@code pulse.comments.raw}, keyed {@code <source>:<id>}. {@code author} is already
 * pseudonymised by the ingest client; a repost has {@code repostOf} set to the original's id.
 *
 * <p>Versions of one post share its id, {@code createdAt} and hashtags (issue 18): an edit carries
 * {@code editedAt} (the latest edit's text is the one quoted and scored; the count does not change), and a
 * withdrawal ({@code withdrawn: true}, the post deleted on its network) takes the post out for good, whichever
 * arrives first. A version with another {@code createdAt} than the one counted is not the same post's, and is ignored.
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
        String repostOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean withdrawn) {

    public static final int MAX_TEXT_LENGTH = 5_000;

    public Comment {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }

    /** A post as first written: neither edited nor withdrawn. */
    public Comment(String id, String source, String author, String text, List<String> hashtags, Instant createdAt, Instant receivedAt,
                   String lang, String repostOf) {
        this(id, source, author, text, hashtags, createdAt, receivedAt, lang, repostOf, null, false);
    }

    /** The post deleted on its network: its id, time and hashtags route the withdrawal to where the post is counted. */
    public static Comment withdrawal(String id, String source, String author, List<String> hashtags, Instant createdAt, Instant receivedAt) {
        return new Comment(id, source, author, "", hashtags, createdAt, receivedAt, null, null, null, true);
    }

    /** The same post, edited at {@code at}. */
    public Comment editedAt(Instant at) {
        return new Comment(id, source, author, text, hashtags, createdAt, receivedAt, lang, repostOf, at, withdrawn);
    }

    /**
     * Whether this version replaces {@code other}, a version of the same post: a withdrawal replaces anything
     * but a withdrawal; otherwise only a later edit does (the same version delivered again changes nothing).
     */
    public boolean supersedes(Comment other) {
        return supersedes(other.withdrawn, other.editedAt == null ? Long.MIN_VALUE : other.editedAt.toEpochMilli());
    }

    /** As {@link #supersedes(Comment)}, against a version known by its withdrawal and its edit time (Long.MIN_VALUE: never edited). */
    public boolean supersedes(boolean otherWithdrawn, long otherEditedAtMillis) {
        if (otherWithdrawn) {
            return false;
        }
        return withdrawn || (editedAt != null && editedAt.toEpochMilli() > otherEditedAtMillis);
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
        return new Comment(id, source, author, newText, hashtags, createdAt, receivedAt, lang, repostOf, editedAt, withdrawn);
    }

    public Comment withHashtags(List<String> newHashtags) {
        return new Comment(id, source, author, text, newHashtags, createdAt, receivedAt, lang, repostOf, editedAt, withdrawn);
    }

    /** The comment under other ids (its own and the original's of a repost), such as the public ones. */
    public Comment withIds(UnaryOperator<String> rename) {
        return new Comment(id == null ? null : rename.apply(id), source, author, text, hashtags, createdAt, receivedAt, lang,
                repostOf == null ? null : rename.apply(repostOf), editedAt, withdrawn);
    }

    public Comment withAuthor(String newAuthor) {
        return new Comment(id, source, newAuthor, text, hashtags, createdAt, receivedAt, lang, repostOf, editedAt, withdrawn);
    }
}
