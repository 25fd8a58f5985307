package org.chamberpulse.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Text;

/**
 * The language of a page (issue 21): the one chosen with the switch on every page ({@code ?lang=}, then
 * remembered in a cookie), else the first the browser asks for ({@code Accept-Language}) that is offered,
 * else the meeting's own, else English.
 */
public final class Language {

    static final String COOKIE = "pulse_lang";
    /** The switch's choice is remembered for a year: a resident who reads in Welsh need not choose again. */
    static final int COOKIE_SECONDS = (int) Duration.ofDays(365).toSeconds();

    private Language() {
    }

    public static Messages choose(Context ctx, String meetingLanguage) {
        Optional<String> asked = Messages.supported(ctx.queryParam("lang"));
        if (asked.isPresent()) {
            ctx.cookie(new Cookie(COOKIE, asked.get(), "/", COOKIE_SECONDS, false, true, null, SameSite.LAX));
            return Messages.of(asked.get());
        }
        Optional<String> chosen = Messages.supported(ctx.cookie(COOKIE));
        if (chosen.isEmpty()) {
            chosen = fromAcceptLanguage(ctx.header("Accept-Language"));
        }
        if (chosen.isEmpty()) {
            chosen = Messages.supported(meetingLanguage);
        }
        return Messages.of(chosen.orElse(Messages.ENGLISH));
    }

    /** The offered language the header ranks highest (by its q values, then its order). */
    static Optional<String> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1_000) {
            return Optional.empty();
        }
        record Ranked(String tag, double q, int order) {
        }
        List<Ranked> ranked = new ArrayList<>();
        String[] parts = header.split(",");
        for (int k = 0; k < parts.length && k < 50; k++) {
            String[] fields = parts[k].strip().split(";");
            if (fields.length == 0 || fields[0].isBlank()) {
                continue;
            }
            double q = 1;
            for (int f = 1; f < fields.length; f++) {
                String field = fields[f].strip();
                if (field.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(field.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                ranked.add(new Ranked(fields[0].strip(), q, k));
            }
        }
        return ranked.stream().sorted(Comparator.comparingDouble(Ranked::q).reversed().thenComparingInt(Ranked::order))
                .map(r -> Messages.supported(r.tag())).flatMap(Optional::stream).findFirst();
    }

    /** The switch every page carries: a link per language, each named in itself. */
    static String switcher(Messages messages) {
        StringBuilder nav = new StringBuilder("<nav class=\"languages\" aria-label=\"").append(Text.escapeMarkup(messages.text("language.switch"))).append("\">");
        List<String> languages = Messages.languages();
        for (int k = 0; k < languages.size(); k++) {
            String code = languages.get(k);
            nav.append(k == 0 ? "" : " · ").append("<a href=\"?lang=").append(code).append("\" lang=\"").append(code).append("\" hreflang=\"")
                    .append(code).append('"').append(code.equals(messages.language()) ? " aria-current=\"true\"" : "").append('>')
                    .append(Text.escapeMarkup(Messages.of(code).text("language.name"))).append("</a>");
        }
        return nav.append("</nav>").toString();
    }
}
