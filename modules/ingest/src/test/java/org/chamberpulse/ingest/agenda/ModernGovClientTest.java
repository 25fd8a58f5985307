package org.chamberpulse.ingest.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chamberpulse.ingest.LocalServer;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a local server answering as ModernGov does. */
class ModernGovClientTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private String serve(int status, String contentType, String body) throws Exception {
        server = LocalServer.start(Map.of("/mgWebService.asmx/GetMeeting", exchange -> {
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            boolean known = "lMeetingId=12345".equals(exchange.getRequestURI().getQuery());
            byte[] bytes = (known ? body : "<getmeeting/>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }));
        return LocalServer.address(server);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldFetchAndMapAMeetingFromTheWebService() throws Exception {
        // given
        String base = serve(200, "text/xml; charset=utf-8", ModernGovXmlTest.sample());

        // when
        Meeting meeting = new ModernGovClient(http, base + "/").meeting(12345, ModernGovXmlTest.DEFAULTS);

        // then
        assertThat(meeting.title()).isEqualTo("City Council");
        assertThat(meeting.items()).hasSize(5);
        assertThat(userAgents).singleElement().asString().startsWith("Mozilla/5.0");
    }

    @Test
    void shouldAcceptTheServiceAddressAsWellAsTheSite() {
        // when / then
        assertThat(ModernGovClient.serviceUrl("https://democracy.example.gov.uk")).isEqualTo("https://democracy.example.gov.uk/mgWebService.asmx");
        assertThat(ModernGovClient.serviceUrl("https://democracy.example.gov.uk/mgWebService.asmx/")).isEqualTo("https://democracy.example.gov.uk/mgWebService.asmx");
        assertThat(ModernGovClient.serviceUrl("https://example.gov.uk/democracy/MGWEBSERVICE.ASMX?op=GetMeeting"))
                .isEqualTo("https://example.gov.uk/democracy/mgWebService.asmx");
        assertThatThrownBy(() -> ModernGovClient.serviceUrl("democracy.example.gov.uk")).hasMessageContaining("must start with http");
    }

    @Test
    void shouldSayTheServiceIsSwitchedOffWhenItAnswersWithAnErrorOrAWebPage() throws Exception {
        // given
        String off = serve(500, "text/html", "<html><body>Service disabled</body></html>");

        // when / then
        assertThatThrownBy(() -> new ModernGovClient(http, off).meeting(12345, ModernGovXmlTest.DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("answered HTTP 500").hasMessageContaining("switched its web service");
        stop();
        String page = serve(200, "text/html", "<!DOCTYPE html><html><body>Please log in</body></html>");
        assertThatThrownBy(() -> new ModernGovClient(http, page).meeting(12345, ModernGovXmlTest.DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("web page, not XML");
    }

    @Test
    void shouldSaySoWhenNothingListens() throws Exception {
        // given
        String base = serve(200, "text/xml", "");
        stop();

        // when / then
        assertThatThrownBy(() -> new ModernGovClient(http, base).meeting(12345, ModernGovXmlTest.DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("ModernGov at " + base + "/mgWebService.asmx/GetMeeting?lMeetingId=12345");
    }
}
