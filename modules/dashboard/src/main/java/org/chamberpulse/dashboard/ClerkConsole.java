package org.chamberpulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Validation;
import org.chamberpulse.timeline.MeetingPhase;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * The clerk's console: login with a session cookie (HttpOnly, SameSite=Strict), pages to create or
 * import a meeting and to run its agenda, and a JSON API behind them that checks a CSRF token on every
 * change. Every action is written to Kafka (and acknowledged) before it is answered, and to the audit log.
 */
public final class ClerkConsole {

    static final String COOKIE = "pulse_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** A login or logout form: a name, a password, a token and where to go next. */
    static final int FORM_BYTES = 16 * 1024;
    /** How long a new meeting's answer waits for the meeting to come back from Kafka into the console's view. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    private final ClerkSessions sessions;
    private final ClerkPublisher publisher;
    private final AuditLog audit;
    private final LiveState state;
    private final MeetingComments comments;
    /** Comments to a page of the console's list. */
    static final int COMMENTS_PAGE = 20;
    private final boolean secureCookies;
    private final Clock clock;
    private volatile FollowedSources sources = FollowedSources.NONE;
    private volatile ZoneId councilTimezone = ZoneId.of("Europe/London");
    private volatile AgendaSource agendas = AgendaSource.NONE;

    /** @param comments the meetings' comments, for the console's list to moderate from */
    public ClerkConsole(ClerkSessions sessions, ClerkPublisher publisher, AuditLog audit, LiveState state, MeetingComments comments,
                        boolean secureCookies, Clock clock) {
        this.comments = comments;
        this.sessions = sessions;
        this.publisher = publisher;
        this.audit = audit;
        this.state = state;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    /** Where the console's "Import from ModernGov" reads a meeting. */
    public ClerkConsole agendaSource(AgendaSource source) {
        this.agendas = source;
        return this;
    }

    /** The zone the create form offers for a new meeting (council.timezone). */
    public ClerkConsole councilTimezone(ZoneId zone) {
        this.councilTimezone = zone;
        return this;
    }

    /** Where the console learns the state of the sources following each meeting's hashtags. */
    public ClerkConsole following(FollowedSources followed) {
        this.sources = followed;
        return this;
    }

    /**
     * What the web edge checks before it reads a body: a login form is small; a console action needs the
     * session and its CSRF token first, and its body is at most a meeting of the largest size accepted.
     */
    List<BodyRule> bodyRules() {
        BodyRule.Gate signedIn = (header, address) -> {
            Optional<ClerkSessions.Session> session = sessions.find(cookie(header.apply("Cookie")));
            if (session.isEmpty()) {
                return Optional.of(BodyRule.Refusal.of(401, "log in to the clerk console first"));
            }
            return tokenMatches(header.apply(CSRF_HEADER), session.get()) ? Optional.empty()
                    : Optional.of(BodyRule.Refusal.of(403, "missing or wrong " + CSRF_HEADER));
        };
        return List.of(BodyRule.open("/login", FORM_BYTES), BodyRule.open("/logout", FORM_BYTES),
                new BodyRule("/api/v1/clerk/", 2 * Validation.MAX_MEETING_BYTES, signedIn));
    }

    /** The session cookie's value in a Cookie header, or null. */
    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String trimmed = pair.strip();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    void routes(RoutesConfig routes) {
        routes.get("/login", ctx -> loginPage(ctx, "", HttpStatus.OK));
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.get("/clerk", ctx -> page(ctx, "clerk-home.html", ""));
        routes.get("/clerk/{id}", ctx -> page(ctx, "clerk.html", ctx.pathParam("id")));
        routes.post("/api/v1/clerk/meetings", ctx -> act(ctx, this::createMeeting));
        routes.put("/api/v1/clerk/meetings/{id}", ctx -> act(ctx, this::editMeeting));
        routes.post("/api/v1/clerk/meetings/{id}/events", ctx -> act(ctx, this::agendaEvent));
        routes.post("/api/v1/clerk/meetings/{id}/moderation", ctx -> act(ctx, this::moderate));
        routes.get("/api/v1/clerk/meetings/{id}/comments", this::listComments);
        routes.get("/api/v1/clerk/meetings/{id}/preview", this::previewCorrection);
        routes.get("/api/v1/clerk/meetings/{id}/sources", this::listSources);
        routes.post("/api/v1/clerk/moderngov/preview", ctx -> act(ctx, this::previewModernGov));
    }

    private void loginPage(Context ctx, String error, HttpStatus status) {
        String next = safeNext(ctx.queryParam("next"));
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(Pages.render("login.html", Map.of("next", next, "error", error), Map.of(), Language.choose(ctx, null)));
    }

    private void login(Context ctx) {
        String user = ctx.formParam("user");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String next = safeNext(ctx.formParam("next"));
        ClerkSessions.Attempt attempt = sessions.login(user, password.toCharArray(), ClientAddress.of(ctx));
        if (attempt.throttled()) {
            audit.record(user == null ? "" : user, "login-throttled", "", Map.of("address", ClientAddress.of(ctx)));
            long minutes = Math.max(1, (attempt.retryAfter().toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(Math.max(1, attempt.retryAfter().toSeconds())));
            Messages words = Language.choose(ctx, null);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).contentType("text/html; charset=utf-8")
                    .result(Pages.render("login.html", Map.of("next", next, "error",
                            words.text(minutes == 1 ? "login.throttled.minute" : "login.throttled", minutes)), Map.of(), words));
            return;
        }
        Optional<ClerkSessions.Session> session = attempt.session();
        if (session.isEmpty()) {
            audit.record(user == null ? "" : user, "login-failed", "", Map.of("address", ClientAddress.of(ctx)));
            Messages words = Language.choose(ctx, null);
            ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/html; charset=utf-8")
                    .result(Pages.render("login.html", Map.of("next", next, "error", words.text("login.mismatch")), Map.of(), words));
            return;
        }
        audit.record(user, "login", "", Map.of("address", ClientAddress.of(ctx)));
        ctx.cookie(sessionCookie(session.get().id(), (int) ClerkSessions.LIFETIME.toSeconds()));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Ends the session on the server too; with a live session, only with its CSRF token (else 403, and nothing changes). */
    private void logout(Context ctx) {
        Optional<ClerkSessions.Session> session = session(ctx);
        if (session.isPresent()) {
            if (!csrfOk(ctx, session.get())) {
                refuse(ctx, HttpStatus.FORBIDDEN, "clerk.error.logout.csrf");
                return;
            }
            sessions.logout(session.get().id());
            audit.record(session.get().user(), "logout", "", Map.of());
        }
        ctx.cookie(sessionCookie("", 0));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void page(Context ctx, String page, String meetingId) {
        Optional<ClerkSessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.header("Cache-Control", "no-store");
        String language = meetingId.isEmpty() ? null
                : state.meeting(meetingId).map(view -> view.meeting() == null ? null : view.meeting().language()).orElse(null);
        ctx.contentType("text/html; charset=utf-8").result(Pages.render(page,
                Map.of("csrf", session.get().csrfToken(), "meetingId", meetingId, "user", session.get().user(), "timezone", councilTimezone.getId()),
                Map.of(), Language.choose(ctx, language)));
    }

    /** One clerk action: a session and its CSRF token first, then the action's own checks. */
    @FunctionalInterface
    private interface Action {
        Map<String, Object> apply(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception;
    }

    /**
     * Why the console refuses, as a message key and its values, said in the clerk's language when answered;
     * a value that is a {@link Words} is itself a key. A reason the model's validation wrote is passed as
     * it is ({@link #because}).
     */
    abstract static class Refusal extends RuntimeException {
        final String key;
        final transient Object[] values;

        Refusal(String key, Object... values) {
            super(key, null, false, false);
            this.key = key;
            this.values = values;
        }

        String in(Messages words) {
            Object[] said = new Object[values.length];
            for (int k = 0; k < values.length; k++) {
                said[k] = values[k] instanceof Words w ? words.text(w.key()) : values[k];
            }
            return words.text(key, said);
        }
    }

    /** A value of a refusal that is a message key of its own. */
    record Words(String key) {
    }

    /** A bad request from the console: answered 400 with the reason. */
    static final class Refused extends Refusal {
        Refused(String key, Object... values) {
            super(key, values);
        }

        static Refused because(String reason) {
            return new Refused("clerk.reason", reason);
        }
    }

    /** An action the meeting's state does not allow now (or an id that exists): answered 409 with the reason. */
    static final class Conflict extends Refusal {
        Conflict(String key, Object... values) {
            super(key, values);
        }
    }

    /** A request no retry can mend: answered 413 with the limit. */
    static final class TooLarge extends Refusal {
        TooLarge(String key, Object... values) {
            super(key, values);
        }
    }

    private void act(Context ctx, Action action) throws Exception {
        Optional<ClerkSessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            refuse(ctx, HttpStatus.UNAUTHORIZED, "clerk.error.login");
            return;
        }
        if (!csrfOk(ctx, session.get())) {
            refuse(ctx, HttpStatus.FORBIDDEN, "clerk.error.csrf", CSRF_HEADER);
            return;
        }
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new Refused("clerk.refused.json");
            }
            ctx.status(HttpStatus.ACCEPTED).json(action.apply(ctx, session.get(), body));
        } catch (Refusal e) {
            HttpStatus status = e instanceof TooLarge ? HttpStatus.CONTENT_TOO_LARGE : e instanceof Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            ctx.status(status).json(Map.of("error", e.in(Language.choose(ctx, null))));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", Text.firstLine(e.getMessage(), "")));
        } catch (ExecutionException | TimeoutException | InterruptedException
                 | KafkaException e) {
            refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, "clerk.error.kafka", Text.firstLine(e.getMessage(), ""));
        }
    }

    /** A new meeting: an id that exists is refused, never overwritten (its counts and agenda would be lost). */
    private Map<String, Object> createMeeting(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception {
        Meeting meeting = Json.MAPPER.treeToValue(body, Meeting.class);
        Optional<Meeting> existing = state.meeting(meeting.meetingId() == null ? "" : meeting.meetingId()).map(MeetingView::meeting);
        if (existing.isPresent()) {
            throw new Conflict("clerk.refused.exists", meeting.meetingId(), existing.get().title());
        }
        return publish(session, meeting, "meeting-published");
    }

    /**
     * Changes a meeting on purpose (title, times, hashtags, items added or retitled), from its console. An item
     * that has comments cannot be removed: its comments would have nowhere to go.
     */
    private Map<String, Object> editMeeting(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception {
        String meetingId = ctx.pathParam("id");
        Meeting meeting = Json.MAPPER.treeToValue(body, Meeting.class);
        if (!meetingId.equals(meeting.meetingId())) {
            throw new Refused("clerk.refused.id.change", meetingId);
        }
        MeetingView before = state.meeting(meetingId).filter(v -> v.meeting() != null)
                .orElseThrow(() -> new Refused("clerk.refused.unpublished", meetingId));
        for (var item : before.meeting().items()) {
            long count = before.items().stream().filter(s -> s.itemId().equals(item.itemId())).mapToLong(s -> s.count() + s.reposts()).sum();
            if (meeting.item(item.itemId()).isEmpty() && count > 0) {
                throw new Conflict("clerk.refused.item.comments", item.number(), item.title(), count);
            }
        }
        return publish(session, meeting, "meeting-edited");
    }

    private Map<String, Object> publish(ClerkSessions.Session session, Meeting meeting, String action) throws Exception {
        Validation.meetingProblem(meeting).ifPresent(problem -> {
            throw Refused.because(problem);
        });
        int size = Json.MAPPER.writeValueAsBytes(meeting).length;
        if (size > Validation.MAX_MEETING_BYTES) {
            throw new TooLarge("clerk.refused.too.large", size, Validation.MAX_MEETING_BYTES);
        }
        publisher.publish(meeting);
        audit.record(session.user(), action, meeting.meetingId(), Map.of("items", Integer.toString(meeting.items().size())));
        // Answered once the console knows the meeting, so that the clerk's next action on it is not refused.
        boolean visible = state.awaitMeeting(meeting, VISIBLE_WITHIN);
        return Map.of("meetingId", meeting.meetingId(), "console", "/clerk/" + meeting.meetingId(), "visible", visible);
    }

    private Map<String, Object> agendaEvent(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception {
        String meetingId = ctx.pathParam("id");
        AgendaEventType type;
        try {
            type = AgendaEventType.valueOf(body.path("type").asText());
        } catch (IllegalArgumentException e) {
            throw new Refused("clerk.refused.type", List.of(AgendaEventType.values()));
        }
        String itemId = body.hasNonNull("itemId") ? body.path("itemId").asText() : null;
        Instant at = body.hasNonNull("at") ? parse(body.path("at").asText()) : clock.instant();
        AgendaEvent event = new AgendaEvent(meetingId, type, type.needsItem() ? itemId : null, at, session.user());
        Validation.agendaProblem(event).ifPresent(problem -> {
            throw Refused.because(problem);
        });
        Optional<MeetingView> view = state.meeting(meetingId).filter(v -> v.meeting() != null);
        if (view.isEmpty()) {
            throw new Refused("clerk.refused.unpublished", meetingId);
        }
        if (type.needsItem() && view.get().meeting().item(itemId).isEmpty()) {
            throw new Refused("clerk.refused.no.item", meetingId, itemId);
        }
        Optional<MeetingPhase.Refusal> refusal = view.get().phase().whyNot(type, itemId);
        if (refusal.isPresent()) {
            MeetingPhase.Refusal why = refusal.get();
            throw why.alreadyRunning() ? new Conflict("phase.running")
                    : new Conflict("phase.refused", new Words("phase.event." + why.event()), new Words("phase.now." + why.state()),
                            new Words("phase.hint." + why.event()));
        }
        publisher.publish(event);
        // The moment of the action and, for a correction, the time it sets.
        Map<String, String> details = new LinkedHashMap<>();
        if (itemId != null) {
            details.put("itemId", itemId);
        }
        details.put(type == AgendaEventType.CORRECTION ? "correctedTo" : "at", at.toString());
        audit.record(session.user(), "agenda-" + type.name().toLowerCase(Locale.ROOT), meetingId, details);
        // Answered once the console's view holds the event, so that the clerk's next click is judged on it.
        TimelineEvent expected = TimelineEvent.of(event, 0);
        boolean visible = state.awaitView(meetingId, v -> v.events().stream().anyMatch(e -> e.type() == expected.type()
                && e.at().equals(expected.at()) && Objects.equals(e.itemId(), expected.itemId())), VISIBLE_WITHIN);
        return Map.of("event", event, "visible", visible);
    }

    /**
     * The meeting's comments for the console, newest first, a page at a time; {@code q} keeps those whose text,
     * id or item holds it (case ignored).
     */
    /**
     * A meeting read from the council's ModernGov ({@code url}, {@code meetingNumber}, {@code hashtags},
     * {@code timezone}), for the clerk to check before publishing it with the create call; nothing is published here.
     */
    private Map<String, Object> previewModernGov(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception {
        String url = body.path("url").asText("").strip();
        if (!url.matches("(?i)https?://[^\\s/]+.*")) {
            throw new Refused("clerk.refused.mg.url");
        }
        long number = body.path("meetingNumber").asLong(0);
        if (number <= 0) {
            throw new Refused("clerk.refused.mg.number");
        }
        List<String> hashtags = new ArrayList<>();
        body.path("hashtags").forEach(tag -> hashtags.add(tag.asText()));
        if (hashtags.isEmpty()) {
            throw new Refused("clerk.refused.mg.hashtag");
        }
        String timezone = body.path("timezone").asText(councilTimezone.getId());
        Meeting meeting;
        try {
            meeting = agendas.fromModernGov(url, number, hashtags, timezone);
        } catch (RuntimeException e) {
            throw new Refused("clerk.refused.mg.failed", Text.forLog(e.getMessage()));
        }
        audit.record(session.user(), "moderngov-previewed", meeting.meetingId(), Map.of("url", url, "meetingNumber", Long.toString(number)));
        return Map.of("meeting", meeting);
    }

    /** The meeting of the path for a logged-in clerk; empty once 401 or 404 has been answered. */
    private Optional<MeetingView> meetingForClerk(Context ctx) {
        if (session(ctx).isEmpty()) {
            refuse(ctx, HttpStatus.UNAUTHORIZED, "clerk.error.login");
            return Optional.empty();
        }
        Optional<MeetingView> view = state.meeting(ctx.pathParam("id")).filter(v -> v.meeting() != null);
        if (view.isEmpty()) {
            refuse(ctx, HttpStatus.NOT_FOUND, "error.no.meeting");
        }
        return view;
    }

    /** The sources following the meeting's hashtags; {@code followed: false} where this instance runs no ingest role. */
    private void listSources(Context ctx) {
        Optional<MeetingView> view = meetingForClerk(ctx);
        if (view.isEmpty()) {
            return;
        }
        List<Map<String, Object>> followers = sources.of(view.get().meeting().hashtags());
        ctx.json(followers == null ? Map.of("followed", false, "sources", List.of()) : Map.of("followed", true, "sources", followers));
    }

    private void listComments(Context ctx) {
        Optional<MeetingView> view = meetingForClerk(ctx);
        if (view.isEmpty()) {
            return;
        }
        String query = Optional.ofNullable(ctx.queryParam("q")).map(q -> q.strip().toLowerCase(Locale.ROOT)).orElse("");
        Optional<List<MeetingComments.Listed>> read = commentsOf(ctx, view.get());
        if (read.isEmpty()) {
            return;
        }
        List<MeetingComments.Listed> all = read.get();
        // The moderation queue (issue 21): what moderation touched, flagged, in a burst, hidden or cleared, newest first.
        boolean queue = "true".equals(ctx.queryParam("queue"));
        List<MeetingComments.Listed> matching = all.stream()
                .filter(c -> !queue || c.hidden() || !c.flags().isEmpty())
                .filter(c -> query.isEmpty() || (c.text() != null && c.text().toLowerCase(Locale.ROOT).contains(query))
                        || c.id().toLowerCase(Locale.ROOT).contains(query) || query.equals(c.itemId()))
                .toList();
        Map<String, Long> burstSizes = new HashMap<>();
        all.stream().filter(c -> c.flags().contains("burst")).forEach(c -> burstSizes.merge(Text.duplicateKey(c.text()), 1L, Long::sum));
        int pages = Math.max(1, (matching.size() + COMMENTS_PAGE - 1) / COMMENTS_PAGE);
        int page = Pages.number(ctx.queryParam("page"), 1, 1, pages);
        List<MeetingComments.Listed> shown = matching.subList((page - 1) * COMMENTS_PAGE, Math.min(matching.size(), page * COMMENTS_PAGE));
        Map<String, Long> bursts = new LinkedHashMap<>();
        shown.stream().filter(c -> c.flags().contains("burst")).forEach(c -> bursts.put(c.id(), burstSizes.get(Text.duplicateKey(c.text()))));
        ctx.header("Cache-Control", "no-store").json(Map.of("total", matching.size(), "page", page, "pages", pages, "comments", shown,
                "bursts", bursts));
    }

    /**
     * What a correction of an item's start to {@code at} would move, before it is sent: for each pair of items,
     * how many of the meeting's comments would go from one to the other, by their time (comments tagged with
     * an item stay where their tag puts them, so the figures may be a little high).
     */
    private void previewCorrection(Context ctx) {
        if (session(ctx).isEmpty()) {
            refuse(ctx, HttpStatus.UNAUTHORIZED, "clerk.error.login");
            return;
        }
        Optional<MeetingView> view = state.meeting(ctx.pathParam("id")).filter(v -> v.meeting() != null);
        String itemId = ctx.queryParam("itemId");
        if (view.isEmpty() || itemId == null || view.get().meeting().item(itemId).isEmpty()) {
            refuse(ctx, HttpStatus.NOT_FOUND, "clerk.error.no.item");
            return;
        }
        Instant at;
        try {
            at = parse(Optional.ofNullable(ctx.queryParam("at")).orElse(""));
        } catch (Refused e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
            return;
        }
        MeetingTimeline before = new MeetingTimeline(view.get().meetingId(), view.get().meeting(), view.get().events());
        MeetingTimeline after = before.withEvent(new TimelineEvent(AgendaEventType.CORRECTION, itemId, at, Long.MAX_VALUE));
        long delay = view.get().meeting().broadcastDelaySeconds();
        Map<String, Integer> moves = new TreeMap<>();
        Optional<List<MeetingComments.Listed>> read = commentsOf(ctx, view.get());
        if (read.isEmpty()) {
            return;
        }
        List<MeetingComments.Listed> all = read.get();
        for (MeetingComments.Listed c : all) {
            Instant reference = c.at().minusSeconds(delay);
            String from = MeetingTimeline.itemAt(before.segments(), reference);
            String to = MeetingTimeline.itemAt(after.segments(), reference);
            if (!from.equals(to)) {
                moves.merge(from + "\n" + to, 1, Integer::sum);
            }
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        moves.forEach((pair, count) -> {
            String[] items = pair.split("\n");
            listed.add(Map.of("from", items[0], "to", items[1], "comments", count));
        });
        ctx.header("Cache-Control", "no-store").json(Map.of("itemId", itemId, "at", at.toString(), "moves", listed));
    }

    /** The meeting's comments, or empty once the request has been answered 503 (Kafka cannot be read). */
    private Optional<List<MeetingComments.Listed>> commentsOf(Context ctx, MeetingView view) {
        try {
            return Optional.of(comments.of(view));
        } catch (KafkaException e) {
            ctx.header("Retry-After", "10");
            refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, "clerk.error.comments.unavailable");
            return Optional.empty();
        }
    }

    private Map<String, Object> moderate(Context ctx, ClerkSessions.Session session, JsonNode body) throws Exception {
        String meetingId = ctx.pathParam("id");
        ModerationEvent.Action action = action(body);
        Optional<MeetingView> view = state.meeting(meetingId).filter(v -> v.meeting() != null);
        if (view.isEmpty()) {
            throw new Refused("clerk.refused.unpublished", meetingId);
        }
        String commentId = body.path("commentId").asText("");
        if (comments.of(view.get()).stream().noneMatch(c -> c.id().equals(commentId))) {
            throw new Conflict("clerk.refused.no.comment", Text.forLog(commentId));
        }
        ModerationEvent event = new ModerationEvent(meetingId, body.path("commentId").asText(null), action, clock.instant(), session.user());
        Validation.moderationProblem(event).ifPresent(problem -> {
            throw Refused.because(problem);
        });
        publisher.publish(event);
        audit.record(session.user(), AUDITED.get(action), meetingId, Map.of("commentId", event.commentId()));
        return Map.of("event", event);
    }

    private static final Map<ModerationEvent.Action, String> AUDITED = Map.of(ModerationEvent.Action.HIDE, "comment-hidden",
            ModerationEvent.Action.SHOW, "comment-shown", ModerationEvent.Action.CLEAR, "comment-flag-cleared",
            ModerationEvent.Action.FLAG, "comment-flagged-again");

    /**
     * What the clerk asks: {@code "action": "HIDE" | "SHOW" | "CLEAR" | "FLAG"}, or the older {@code "hide": true|false}.
     * Erasure is not the console's: it is the erase command's, at a resident's request.
     */
    private static ModerationEvent.Action action(JsonNode body) {
        if (body.hasNonNull("action")) {
            String asked = body.path("action").asText("");
            return AUDITED.keySet().stream().filter(a -> a.name().equals(asked)).findFirst()
                    .orElseThrow(() -> new Refused("clerk.refused.action", Text.forLog(asked)));
        }
        return !body.has("hide") || body.path("hide").asBoolean(true) ? ModerationEvent.Action.HIDE : ModerationEvent.Action.SHOW;
    }

    private Optional<ClerkSessions.Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    private static boolean csrfOk(Context ctx, ClerkSessions.Session session) {
        String presented = ctx.header(CSRF_HEADER);
        return tokenMatches(presented != null ? presented : ctx.formParam("csrf"), session);
    }

    private static boolean tokenMatches(String presented, ClerkSessions.Session session) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where to go after the login: only a path on this site ("/clerk/x"), judged as a browser would read it.
     * Browsers drop tabs and line breaks inside a URL, read a backslash as a slash and may decode once more,
     * so each of those is refused rather than repaired: after removing control characters and decoding up to
     * three times, it must start with one '/' not followed by another '/' or '\', and hold nothing but
     * printable ASCII. Anything else goes to the console's home.
     */
    static String safeNext(String next) {
        if (next == null || next.length() > 2_000) {
            return HOME;
        }
        String decoded = next;
        for (int round = 0; round <= 3; round++) {
            if (!onThisSite(decoded)) {
                return HOME;
            }
            if (decoded.indexOf('%') < 0) {
                return next;
            }
            if (round == 3) {
                return HOME;
            }
            try {
                decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return HOME;
            }
        }
        return HOME;
    }

    private static final String HOME = "/clerk";

    private static boolean onThisSite(String path) {
        if (path.length() < 1 || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() > 1 && (path.charAt(1) == '/' || path.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new Refused("clerk.refused.at");
        }
    }

    /** The session's cookie: never read by scripts, never sent from another site's page; {@code maxAge} 0 deletes it. */
    private Cookie sessionCookie(String value, int maxAge) {
        return new Cookie(COOKIE, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }

    /** A refusal the console shows as it is: in the clerk's language (the switch, then Accept-Language). */
    private static void refuse(Context ctx, HttpStatus status, String key, Object... values) {
        ctx.status(status).json(Map.of("error", Language.choose(ctx, null).text(key, values)));
    }
}
