package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A clerk logged in over HTTP, as the console's page is: the session cookie, and the CSRF token the page carries. */
record ClerkLogin(String cookie, String csrf) {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    static ClerkLogin of(HttpClient http, String base, String user, String password) throws Exception {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login").isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/clerk")).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the console page carries a CSRF token").isTrue();
        return new ClerkLogin(cookie, token.group(1));
    }

    /** A clerk action: a JSON POST with the session and its token. */
    HttpRequest.Builder action(String url, byte[] json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json");
    }

    /** The session id alone, as it would appear if it leaked. */
    String sessionId() {
        return cookie.split("=", 2)[1];
    }
}
