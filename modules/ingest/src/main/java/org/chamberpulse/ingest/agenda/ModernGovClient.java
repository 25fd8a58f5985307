package org.chamberpulse.ingest.agenda;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.chamberpulse.model.Meeting;

/**
 * Reads a meeting's agenda from a council's ModernGov web service ({@code mgWebService.asmx/GetMeeting}).
 * Some installations refuse clients that do not look like a browser, so it sends a browser-like User-Agent.
 */
public final class ModernGovClient {

    static final String SERVICE = "mgWebService.asmx";
    private static final String USER_AGENT = "Mozilla/5.0 (compatible; ChamberPulse/0.1; +https://github.com/chamberpulse)";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final String base;

    /** @param baseUrl the council's ModernGov site ("https://democracy.example.gov.uk"), with or without {@code /mgWebService.asmx} */
    public ModernGovClient(HttpClient http, String baseUrl) {
        this.http = http;
        this.base = serviceUrl(baseUrl);
    }

    static String serviceUrl(String baseUrl) {
        String url = baseUrl.strip();
        if (!url.matches("(?i)https?://.+")) {
            throw new AgendaImportException("The ModernGov address must start with http:// or https://, e.g. https://democracy.example.gov.uk (got \"" + baseUrl + "\")");
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        int service = url.toLowerCase(Locale.ROOT).indexOf("/" + SERVICE.toLowerCase(Locale.ROOT));
        return (service >= 0 ? url.substring(0, service) : url) + "/" + SERVICE;
    }

    public URI meetingUri(long meetingNumber) {
        return URI.create(base + "/GetMeeting?lMeetingId=" + meetingNumber);
    }

    public Meeting meeting(long meetingNumber, MeetingDefaults defaults) {
        URI uri = meetingUri(meetingNumber);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "text/xml, application/xml;q=0.9, */*;q=0.1")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new AgendaImportException("ModernGov at " + uri + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new AgendaImportException("Could not connect to ModernGov at " + uri + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AgendaImportException("Could not read from ModernGov at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgendaImportException("Interrupted while asking ModernGov at " + uri, e);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            String hint = response.statusCode() == 404 || response.statusCode() == 403 || response.statusCode() == 500
                    ? "; the council may have switched its web service (" + SERVICE + ") off" : "";
            throw new AgendaImportException("ModernGov at " + uri + " answered HTTP " + response.statusCode() + hint
                    + (body.isBlank() ? "" : ": " + firstLine(body)));
        }
        return ModernGovXml.parse(body, meetingNumber, defaults);
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
