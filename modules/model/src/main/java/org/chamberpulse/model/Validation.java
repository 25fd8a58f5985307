package org.chamberpulse.model;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that make an input valid. Each check answers the reason a record is bad, in words an
 * engineer can act on, or empty when it is good.
 */
public final class Validation {

    /** No social network existed before this; an earlier time is a broken clock or a broken client. */
    public static final Instant EARLIEST_CREATED_AT = Instant.parse("2006-01-01T00:00:00Z");
    /** Meetings and agenda events are planned, not prophesied: a later time is a typo or an attack (and overflows arithmetic). */
    public static final Instant LATEST_MEETING_TIME = Instant.parse("2200-01-01T00:00:00Z");
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Set<String> SOURCES = Set.of("x", "mastodon", "bluesky", "web", "sms", "replay", "load");
    /** Bucket names the topology uses for time outside the agenda's items. */
    public static final Set<String> RESERVED_ITEM_IDS = Set.of("pre", "recess", "post");
    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_HASHTAGS = 30;
    public static final int MAX_BROADCAST_DELAY_SECONDS = 3_600;
    /**
     * The largest meeting, as JSON, that the console and the importers publish: well inside a Kafka record
     * (1 MB by default) with room for the views and records that carry it (a real agenda is a few kilobytes).
     */
    public static final int MAX_MEETING_BYTES = 256 * 1024;

    private Validation() {
    }

    /**
     * @param now the time the record was written (its Kafka timestamp; the server's clock in the API):
     *            {@code receivedAt} may not be later, and {@code createdAt} is judged against it when the
     *            comment has no {@code receivedAt}
     */
    public static Optional<String> commentProblem(Comment c, Instant now) {
        if (blank(c.id())) {
            return Optional.of("missing id");
        }
        if (c.id().length() > MAX_ID_LENGTH) {
            return Optional.of("id longer than " + MAX_ID_LENGTH + " characters");
        }
        if (blank(c.source())) {
            return Optional.of("missing source");
        }
        if (!SOURCES.contains(c.source())) {
            return Optional.of("unknown source '" + shorten(c.source()) + "'; expected one of " + String.join(", ", sorted(SOURCES)));
        }
        if (blank(c.author())) {
            return Optional.of("missing author");
        }
        if (c.author().length() > MAX_ID_LENGTH) {
            return Optional.of("author longer than " + MAX_ID_LENGTH + " characters");
        }
        if (c.author().indexOf('|') >= 0 || hasControlCharacters(c.author()) || c.author().chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("author may not hold '|', white space or control characters");
        }
        if (c.text() == null) {
            return Optional.of("missing text");
        }
        if (c.text().length() > Comment.MAX_TEXT_LENGTH) {
            return Optional.of("text longer than " + Comment.MAX_TEXT_LENGTH + " characters (" + c.text().length() + ")");
        }
        if (c.text().isBlank() && !c.isRepost() && !c.withdrawn()) {
            return Optional.of("empty text");
        }
        if (hasControlCharacters(c.text())) {
            return Optional.of("text contains control characters");
        }
        if (!wellFormedUnicode(c.text()) || !wellFormedUnicode(c.author()) || !wellFormedUnicode(c.id())) {
            return Optional.of("id, author or text holds an unpaired surrogate (\\uD800-\\uDFFF): not Unicode text");
        }
        if (c.hashtags().size() > MAX_HASHTAGS) {
            return Optional.of("more than " + MAX_HASHTAGS + " hashtags");
        }
        for (String tag : c.hashtags()) {
            Optional<String> tagProblem = hashtagProblem(tag);
            if (tagProblem.isPresent()) {
                return tagProblem;
            }
        }
        if (c.createdAt() == null) {
            return Optional.of("missing createdAt");
        }
        if (c.createdAt().isBefore(EARLIEST_CREATED_AT)) {
            return Optional.of("createdAt " + c.createdAt() + " is before " + EARLIEST_CREATED_AT);
        }
        if (c.receivedAt() != null && c.receivedAt().isAfter(now.plus(CLOCK_SKEW))) {
            // Nothing can be received after it was written: a forged receivedAt would let a comment from
            // the far future through, and event time would jump ahead for everyone.
            return Optional.of("receivedAt " + c.receivedAt() + " is more than 5 minutes after the time the record was written (" + now + ")");
        }
        Instant latest = (c.receivedAt() != null ? c.receivedAt() : now).plus(CLOCK_SKEW);
        if (c.createdAt().isAfter(latest)) {
            return Optional.of("createdAt " + c.createdAt() + " is more than 5 minutes after "
                    + (c.receivedAt() != null ? "receivedAt " + c.receivedAt() : "the time it was processed"));
        }
        if (c.editedAt() != null && (c.editedAt().isBefore(c.createdAt()) || c.editedAt().isAfter(latest))) {
            return Optional.of("editedAt " + c.editedAt() + " lies before createdAt or more than 5 minutes after receivedAt");
        }
        return Optional.empty();
    }

    public static Optional<String> meetingProblem(Meeting m) {
        Optional<String> idProblem = identifierProblem("meetingId", m.meetingId());
        if (idProblem.isPresent()) {
            return idProblem;
        }
        if (m.hashtags().isEmpty()) {
            return Optional.of("meeting " + m.meetingId() + " lists no hashtags");
        }
        for (String tag : m.hashtags()) {
            Optional<String> tagProblem = hashtagProblem(tag);
            if (tagProblem.isPresent()) {
                return tagProblem;
            }
        }
        if (m.hashtags().stream().anyMatch(Text::isItemTag)) {
            return Optional.of("meeting " + m.meetingId() + " lists an item<number> tag as its hashtag");
        }
        List<String> texts = new ArrayList<>(Arrays.asList(m.title(), m.body(), m.timezone()));
        for (AgendaItem item : m.items()) {
            if (item != null) {
                texts.addAll(Arrays.asList(item.number(), item.title(), item.externalId(), item.minutesNumber()));
            }
        }
        if (texts.stream().anyMatch(text -> text != null && (hasControlCharacters(text) || !wellFormedUnicode(text) || text.length() > Comment.MAX_TEXT_LENGTH))) {
            return Optional.of("meeting " + m.meetingId() + " has a title, body, timezone or item field that is overlong or holds control characters or broken Unicode");
        }
        if (m.timezone() != null && !m.timezone().isBlank() && !validZone(m.timezone())) {
            return Optional.of("timezone '" + shorten(m.timezone()) + "' is not a time zone such as Europe/London");
        }
        if (m.language() != null && !m.language().matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?")) {
            return Optional.of("language '" + shorten(m.language()) + "' is not a language tag such as cy or en");
        }
        if (m.scheduledStart() == null) {
            return Optional.of("meeting " + m.meetingId() + " has no scheduledStart");
        }
        if (m.scheduledStart().isBefore(EARLIEST_CREATED_AT) || m.scheduledStart().isAfter(LATEST_MEETING_TIME)) {
            return Optional.of("scheduledStart " + m.scheduledStart() + " is not between " + EARLIEST_CREATED_AT + " and " + LATEST_MEETING_TIME);
        }
        if (m.broadcastDelaySeconds() < 0 || m.broadcastDelaySeconds() > MAX_BROADCAST_DELAY_SECONDS) {
            return Optional.of("broadcastDelaySeconds must lie between 0 and " + MAX_BROADCAST_DELAY_SECONDS);
        }
        Set<String> itemIds = new HashSet<>();
        for (AgendaItem item : m.items()) {
            if (item == null) {
                return Optional.of("meeting " + m.meetingId() + " has a null item");
            }
            Optional<String> itemProblem = identifierProblem("itemId", item.itemId());
            if (itemProblem.isPresent()) {
                return itemProblem;
            }
            if (RESERVED_ITEM_IDS.contains(item.itemId())) {
                return Optional.of("itemId '" + item.itemId() + "' is reserved for time outside the agenda");
            }
            if (!itemIds.add(item.itemId())) {
                return Optional.of("itemId '" + item.itemId() + "' appears twice");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> agendaProblem(AgendaEvent e) {
        Optional<String> idProblem = identifierProblem("meetingId", e.meetingId());
        if (idProblem.isPresent()) {
            return idProblem;
        }
        if (e.type() == null) {
            return Optional.of("missing type");
        }
        Optional<String> actorProblem = actorProblem(e.actor());
        if (actorProblem.isPresent()) {
            return actorProblem;
        }
        if (e.at() == null) {
            return Optional.of("missing at");
        }
        if (e.at().isBefore(EARLIEST_CREATED_AT)) {
            return Optional.of("at " + e.at() + " is before " + EARLIEST_CREATED_AT);
        }
        if (e.at().isAfter(LATEST_MEETING_TIME)) {
            return Optional.of("at " + e.at() + " is after " + LATEST_MEETING_TIME);
        }
        if (e.type().needsItem()) {
            return identifierProblem("itemId", e.itemId());
        }
        return Optional.empty();
    }

    public static Optional<String> moderationProblem(ModerationEvent e) {
        Optional<String> idProblem = identifierProblem("meetingId", e.meetingId());
        if (idProblem.isPresent()) {
            return idProblem;
        }
        if (blank(e.commentId()) || e.commentId().length() > MAX_ID_LENGTH) {
            return Optional.of("missing or overlong commentId");
        }
        if (hasControlCharacters(e.commentId()) || !wellFormedUnicode(e.commentId())) {
            return Optional.of("commentId holds control characters or broken Unicode");
        }
        return e.action() == null ? Optional.of("missing action") : actorProblem(e.actor());
    }

    /** Who made a change (optional): a short name, as the audit of the clerk's actions shows it. */
    static Optional<String> actorProblem(String actor) {
        if (actor == null) {
            return Optional.empty();
        }
        if (actor.length() > MAX_ID_LENGTH || hasControlCharacters(actor) || !wellFormedUnicode(actor)) {
            return Optional.of("actor is overlong or holds control characters or broken Unicode");
        }
        return Optional.empty();
    }

    /** A hashtag is what the networks allow: letters, digits and '_', with or without its leading '#'. */
    public static Optional<String> hashtagProblem(String hashtag) {
        String tag = Text.normaliseHashtag(hashtag);
        if (tag.isEmpty()) {
            return Optional.of("empty hashtag");
        }
        if (tag.length() > 140) {
            return Optional.of("hashtag longer than 140 characters");
        }
        boolean wellFormed = tag.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '_');
        if (wellFormed) {
            return Optional.empty();
        }
        String hint = tag.contains(",") || tag.contains(";") ? ": separate hashtags with spaces, not commas"
                : tag.contains("-") ? ": a hashtag cannot hold '-' (networks end the tag there); use bcclive or bcc_live" : "";
        return Optional.of("hashtag '" + shorten(hashtag) + "' may hold only letters, digits and _" + hint);
    }

    /** Identifiers become parts of keys ({@code <meetingId>/<itemId>}), so they are kept to a safe alphabet. */
    public static Optional<String> identifierProblem(String field, String value) {
        if (blank(value)) {
            return Optional.of("missing " + field);
        }
        if (value.length() > MAX_ID_LENGTH) {
            return Optional.of(field + " longer than " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean allowed = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == ':';
            if (!allowed) {
                return Optional.of(field + " '" + shorten(value) + "' may hold only letters, digits and - _ . :");
            }
        }
        return Optional.empty();
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** No unpaired surrogates: such a string cannot be written as UTF-8. */
    static boolean wellFormedUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t') {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
