package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.Browser;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * The whole product in a real browser: the chair's page follows a meeting as comments arrive through the
 * ingest API and the topology counts them on a real broker, while a clerk runs the agenda from the console.
 */
@Tag("integration")
@Tag("browser")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndToEndBrowserTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldFollowAMeetingLiveWhileTheClerkRunsTheAgenda(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "e2e", "clerk.users", "ada:" + Passwords.hash("a long clerk password".toCharArray()));
        try (PulseRuntime runtime = PulseRuntime.start(config); Browser browser = new Browser()) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                producer.send(Topics.MEETINGS, "e2e", new Meeting("e2e", "Full Council", "Test City Council", List.of("e2elive"),
                        Instant.now().minusSeconds(600), "Europe/London", 0, List.of(
                                new AgendaItem("1", "1", "Apologies", false, null, null),
                                new AgendaItem("2", "2", "Budget", false, null, null)))).get();
            }
            String chair = browser.driver.getWindowHandle();
            browser.driver.get(base + "/meetings/e2e");
            browser.await(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("title")).getText().startsWith("Full Council"));

            // when: the clerk opens the meeting and starts item 1 from the console
            browser.driver.switchTo().newWindow(WindowType.TAB);
            String console = browser.driver.getWindowHandle();
            browser.driver.get(base + "/clerk/e2e");
            browser.driver.findElement(By.id("user")).sendKeys("ada");
            browser.driver.findElement(By.id("password")).sendKeys("a long clerk password");
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("tr[data-item='1'] button")).isEmpty());
            browser.driver.findElement(By.cssSelector("button[data-action=OPENED]")).click();
            browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("message")).getText().startsWith("Done"));
            browser.driver.findElement(By.id("next-item")).click();
            browser.await(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("running")).getText().equals("1. Apologies"));

            // and comments arrive, one of them hostile
            post(base, "[{\"id\":\"1\",\"author\":\"a\",\"text\":\"Apologies from the leader again #e2elive\"},"
                    + "{\"id\":\"2\",\"author\":\"b\",\"text\":\"<img src=x onerror=\\\"window.pwned=1\\\"> #e2elive\"}]");
            Instant afterFirstComments = Instant.now();

            // then the chair's page counts them in item 1, live
            browser.driver.switchTo().window(chair);
            browser.await(Duration.ofSeconds(30)).until(d -> countOf(d, "1").equals("2"));
            browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("now")).getText().equals("1. Apologies"));
            browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("quotes")).getText().contains("<img src=x"));
            assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);

            // and when the clerk starts the budget, new comments count there (started after the second the correction
            // below types, afterFirstComments plus one, cut to whole seconds: so that the correction moves only item 1's)
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(afterFirstComments.plusMillis(1_100)));
            browser.driver.switchTo().window(console);
            browser.driver.findElement(By.id("next-item")).click();
            browser.await(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("running")).getText().equals("2. Budget"));
            Thread.sleep(1_100);
            post(base, "{\"id\":\"3\",\"author\":\"c\",\"text\":\"Cutting youth services is a disgrace #e2elive\"}");
            browser.driver.switchTo().window(chair);
            browser.await(Duration.ofSeconds(30)).until(d -> countOf(d, "2").equals("1"));
            browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("article[data-item='2']")).getAttribute("class").contains("running"));
            browser.await(Duration.ofSeconds(10)).until(d -> countOf(d, "1").equals("2"));
            browser.screenshot("end-to-end-chair");

            // and when the clerk previews a correction of item 1's start to just after its two comments (typed on the
            // meeting's clock), then makes it, what moves is what the preview said
            browser.driver.switchTo().window(console);
            String corrected = DateTimeFormatter.ofPattern("HH:mm:ss")
                    .format(afterFirstComments.plusSeconds(1).atZone(ZoneId.of("Europe/London")));
            browser.driver.executeScript("const input = document.querySelector(\"tr[data-item='1'] form.correct input\"); input.value = arguments[0];"
                    + " input.dispatchEvent(new Event('input'));", corrected);
            browser.driver.findElement(By.cssSelector("tr[data-item='1'] form.correct button[type=button]")).click();
            browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("tr[data-item='1'] .preview")).getText()
                    .equals("2 from 1. Apologies to Before the first item would move."));
            browser.driver.findElement(By.cssSelector("tr[data-item='1'] form.correct button[type=submit]")).click();
            browser.driver.switchTo().window(chair);
            browser.await(Duration.ofSeconds(30)).until(d -> countOf(d, "pre").equals("2") && countOf(d, "1").equals("0"));
            assertThat(countOf(browser.driver, "2")).isEqualTo("1");

            // and the report for the record shows the same figures, its charts, and nothing axe finds serious
            browser.driver.get(base + "/meetings/e2e/report");
            browser.await(Duration.ofSeconds(30)).until(d -> d.findElement(By.tagName("h1")).getText().equals("Public comments: Full Council"));
            assertThat(browser.driver.findElement(By.cssSelector("#items tr[data-item='1'] td[data-field=count]")).getText()).isEqualTo("0");
            assertThat(browser.driver.findElement(By.cssSelector("#items tr[data-item='pre'] td[data-field=count]")).getText()).isEqualTo("2");
            assertThat(browser.driver.findElements(By.cssSelector("svg[role=img]"))).hasSize(3).allSatisfy(svg -> assertThat(svg.isDisplayed()).isTrue());
            assertThat(browser.driver.findElement(By.cssSelector(".status")).getText()).startsWith("Provisional.");
            assertThat(browser.accessibilityViolations("serious", "critical")).isEmpty();
            browser.screenshot("end-to-end-report");

            // and in Welsh, from the switch's ?lang=cy
            browser.driver.get(base + "/meetings/e2e/report?lang=cy");
            browser.await(Duration.ofSeconds(30)).until(d -> d.findElement(By.tagName("h1")).getText().equals("Sylwadau'r cyhoedd: Full Council"));
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
            assertThat(browser.driver.findElement(By.cssSelector(".status")).getText()).startsWith("Dros dro.");
            assertThat(browser.accessibilityViolations("serious", "critical")).as("the report in Welsh").isEmpty();
        }
    }

    private void post(String base, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/comments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static String countOf(WebDriver driver, String itemId) {
        var cells = driver.findElements(By.cssSelector("article[data-item='" + itemId + "'] .count dd"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }
}
