package org.chamberpulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Text;

/**
 * The public comment form at {@code /meetings/{id}/comment}, for residents on no social network: an agenda
 * item (or general: the item running when it is sent), up to 1,000 characters. It works without JavaScript.
 * Against bots without a third-party CAPTCHA: a hidden field people leave empty, a minimum time to fill the
 * form, a per-address rate, and a form token bound to the resident's cookie (which also makes it CSRF-safe).
 * A comment goes through the same path as {@code POST /api/v1/comments}, source {@code web}, its author the
 * resident's cookie id (pseudonymised there like every author).
 */
public final class CommentForm {

    /** Hands a comment (the API's JSON body) to the ingest path: null when accepted, else the reason. */
    @FunctionalInterface
    public interface Publisher {
        String publish(byte[] body);
    }

    static final String COOKIE = "pulse_resident";
    /** A resident's id, the author of their comments through the form (pseudonymised like every author), lasts a year. */
    private static final int RESIDENT_COOKIE_SECONDS = (int) Duration.ofDays(365).toSeconds();
    static final int MAX_TEXT = 1_000;
    static final Duration MIN_FILL = Duration.ofSeconds(3);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(6);
    static final String GENERAL = "general";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LiveState state;
    private final Publisher publisher;
    private final Pseudonyms tokens;
    private final Predicate<String> admit;
    private final boolean secureCookies;
    private final Clock clock;

    /**
     * @param tokens keyed with the deployment's secret: signs the form tokens
     * @param admit  whether a client address may send a comment now (the per-address rate)
     */
    public CommentForm(LiveState state, Publisher publisher, Pseudonyms tokens, Predicate<String> admit, boolean secureCookies, Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.tokens = tokens;
        this.admit = admit;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/meetings/{id}/comment", ctx -> meeting(ctx).ifPresent(m -> page(ctx, m, HttpStatus.OK, "", "", GENERAL)));
        routes.post("/meetings/{id}/comment", this::submit);
    }

    private Optional<Meeting> meeting(Context ctx) {
        Optional<Meeting> meeting = state.meeting(ctx.pathParam("id")).map(MeetingView::meeting);
        if (meeting.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result(Language.choose(ctx, null).text("error.no.meeting"));
        }
        return meeting;
    }

    private void submit(Context ctx) {
        Optional<Meeting> found = meeting(ctx);
        if (found.isEmpty()) {
            return;
        }
        Meeting meeting = found.get();
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("").strip();
        String item = Optional.ofNullable(ctx.formParam("item")).orElse(GENERAL);
        String resident = ctx.cookie(COOKIE);
        Optional<String> tokenProblem = tokenProblem(resident, meeting.meetingId(), ctx.formParam("token"));
        if (tokenProblem.isPresent()) {
            page(ctx, meeting, HttpStatus.BAD_REQUEST, messages(ctx, meeting).text(tokenProblem.get()), text, item);
            return;
        }
        if (!Optional.ofNullable(ctx.formParam("website")).orElse("").isEmpty()) {
            // Only a bot fills the hidden field: it is told nothing it could learn from.
            thanks(ctx, meeting, item);
            return;
        }
        if (!admit.test(ClientAddress.of(ctx))) {
            ctx.header("Retry-After", "60");
            page(ctx, meeting, HttpStatus.TOO_MANY_REQUESTS, messages(ctx, meeting).text("form.rate"), text, item);
            return;
        }
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            page(ctx, meeting, HttpStatus.BAD_REQUEST, messages(ctx, meeting).text(text.isEmpty() ? "form.empty" : "form.long"), text, item);
            return;
        }
        Optional<AgendaItem> chosen = meeting.item(item);
        if (!item.equals(GENERAL) && chosen.isEmpty()) {
            page(ctx, meeting, HttpStatus.BAD_REQUEST, messages(ctx, meeting).text("form.choose"), text, GENERAL);
            return;
        }
        List<String> hashtags = new ArrayList<>();
        hashtags.add(meeting.hashtags().get(0));
        chosen.filter(i -> Text.isItemTag(Text.ITEM_TAG_PREFIX + i.tagNumber())).ifPresent(i -> hashtags.add(Text.ITEM_TAG_PREFIX + i.tagNumber()));
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("id", "form-" + randomId());
        comment.put("source", "web");
        comment.put("author", resident);
        comment.put("text", text);
        comment.put("hashtags", hashtags);
        String refused;
        try {
            refused = publisher.publish(Json.MAPPER.writeValueAsBytes(comment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (refused != null) {
            page(ctx, meeting, HttpStatus.BAD_REQUEST, messages(ctx, meeting).text("form.refused", refused), text, item);
            return;
        }
        thanks(ctx, meeting, item);
    }

    private void thanks(Context ctx, Meeting meeting, String item) {
        Messages messages = messages(ctx, meeting);
        String where = item.equals(GENERAL) ? messages.text("form.thanks.general") : meeting.item(item).map(i -> i.number() + ". " + i.title()).orElse(item);
        page(ctx, meeting, HttpStatus.OK, messages.text("form.thanks", where), "", GENERAL);
    }

    private static Messages messages(Context ctx, Meeting meeting) {
        return Language.choose(ctx, meeting.language());
    }

    private void page(Context ctx, Meeting meeting, HttpStatus status, String message, String text, String item) {
        String resident = ctx.cookie(COOKIE);
        if (resident == null || !resident.matches("[A-Za-z0-9_-]{16,64}")) {
            resident = randomId();
            ctx.cookie(new Cookie(COOKIE, resident, "/meetings", RESIDENT_COOKIE_SECONDS, secureCookies, true, null, SameSite.LAX));
        }
        Messages messages = messages(ctx, meeting);
        StringBuilder options = new StringBuilder();
        options.append(option(GENERAL, messages.text("form.general"), item));
        for (AgendaItem agendaItem : meeting.items()) {
            if (!agendaItem.restricted()) {
                options.append(option(agendaItem.itemId(), agendaItem.number() + ". " + agendaItem.title(), item));
            }
        }
        boolean failed = status.getCode() >= 400;
        ctx.status(status).header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(Pages.render("comment.html",
                Map.of("meetingId", meeting.meetingId(), "formTitle", messages.text("form.title", meeting.title()),
                        "body", meeting.body() == null ? "" : meeting.body(),
                        "message", message, "messageClass", failed ? "message failed" : "message", "text", text,
                        "token", token(resident, meeting.meetingId(), clock.millis())),
                Map.of("options", options.toString()), messages));
    }

    private static String option(String value, String label, String selected) {
        return "<option value=\"" + Text.escapeMarkup(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">" + Text.escapeMarkup(label) + "</option>";
    }

    /** "time.signature": when the form was given, signed for this resident and meeting. */
    private String token(String resident, String meetingId, long at) {
        return at + "." + tokens.of("form", resident + "|" + meetingId + "|" + at);
    }

    /** The key of the message that says what is wrong with the form's token, if anything. */
    private Optional<String> tokenProblem(String resident, String meetingId, String token) {
        String stale = "form.stale";
        if (resident == null || token == null || token.indexOf('.') < 0) {
            return Optional.of(stale);
        }
        long at;
        try {
            at = Long.parseLong(token.substring(0, token.indexOf('.')));
        } catch (NumberFormatException e) {
            return Optional.of(stale);
        }
        byte[] expected = token(resident, meetingId, at).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8)) || clock.millis() - at > TOKEN_LIFETIME.toMillis()) {
            return Optional.of(stale);
        }
        if (clock.millis() - at < MIN_FILL.toMillis()) {
            return Optional.of("form.quick");
        }
        return Optional.empty();
    }

    private static String randomId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
