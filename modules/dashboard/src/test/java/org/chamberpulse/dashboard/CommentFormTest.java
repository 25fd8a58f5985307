package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The residents' comment form in real Chromium: a comment sent, a bot's, one sent too fast, one over the rate. */
@Tag("browser")
class CommentFormTest {

    private static final Instant T = Instant.parse("2026-11-27T14:00:00Z");

    private final LiveState state = new LiveState();
    private final TopologyStandIn topology = new TopologyStandIn(state);
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T13:00:00Z"));
    private final Browser browser = new Browser();
    private DashboardServer server;

    @BeforeEach
    void start() {
        CommentForm form = new CommentForm(state, body -> {
            published.add(new String(body, StandardCharsets.UTF_8));
            return null;
        }, new Pseudonyms("form-test".getBytes(StandardCharsets.UTF_8)), address -> admitted.incrementAndGet() <= 2, false, clock);
        server = new DashboardServer(state, () -> true, DashboardServer.Options.dashboard(null, null, form::register), TestWeb.web()).start(0);
        topology.meeting(new Meeting("m1", "Full Council", "Test City Council", List.of("testlive"), T, "Europe/London", 0, List.of(
                new AgendaItem("1", "1", "Questions", false, null, null), new AgendaItem("2", "2", "Budget", false, null, null),
                new AgendaItem("3", "3", "Exempt business", true, null, null))));
    }

    @AfterEach
    void close() {
        browser.close();
        server.close();
    }

    @Test
    void shouldTakeAResidentsCommentForTheItemTheyChoose() throws Exception {
        // given
        browser.driver.get(base() + "/meetings/m1/comment");
        assertThat(browser.accessibilityViolations("serious", "critical")).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#item option"))).extracting(o -> o.getText())
                .as("no exempt item").containsExactly("General (the item running when you send it)", "1. Questions", "2. Budget");

        // when: a resident takes a few seconds to write
        new Select(browser.driver.findElement(By.id("item"))).selectByValue("2");
        browser.driver.findElement(By.id("text")).sendKeys("Please keep the library open on Sundays");
        clock.advance(Duration.ofSeconds(20));
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("[role=alert]")).getText().startsWith("Thank you"));
        assertThat(published).singleElement().satisfies(json -> {
            var comment = Json.MAPPER.readTree(json);
            assertThat(comment.path("source").asText()).isEqualTo("web");
            assertThat(comment.path("text").asText()).isEqualTo("Please keep the library open on Sundays");
            assertThat(comment.path("hashtags").toString()).isEqualTo("[\"testlive\",\"item2\"]");
            assertThat(comment.path("author").asText()).isEqualTo(browser.driver.manage().getCookieNamed(CommentForm.COOKIE).getValue());
        });
        // the resident's id is theirs alone, and kept: sent only to the meetings' pages, never read by a script
        Cookie resident = browser.driver.manage().getCookieNamed(CommentForm.COOKIE);
        assertThat(resident.getPath()).isEqualTo("/meetings");
        assertThat(resident.isHttpOnly()).isTrue();
        assertThat(resident.getSameSite()).isEqualTo("Lax");
        assertThat(resident.getExpiry()).as("kept after the browser closes").isNotNull();
    }

    @Test
    void shouldPublishNothingABotSendsOrThatComesTooFastOrTooOften() {
        // when: the hidden field filled, as bots do
        browser.driver.get(base() + "/meetings/m1/comment");
        browser.driver.findElement(By.id("text")).sendKeys("Buy cheap watches");
        browser.driver.executeScript("document.getElementById('website').value = 'http://spam.example'");
        clock.advance(Duration.ofSeconds(20));
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("[role=alert]")).getText().startsWith("Thank you"));

        // and: sent within a second of the form opening
        browser.driver.get(base() + "/meetings/m1/comment");
        browser.driver.findElement(By.id("text")).sendKeys("Quick");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("[role=alert]")).getText().contains("quicker"));

        // and: more than the address's rate
        for (int k = 0; k < 3; k++) {
            browser.driver.get(base() + "/meetings/m1/comment");
            browser.driver.findElement(By.id("text")).sendKeys("Comment " + k);
            clock.advance(Duration.ofSeconds(20));
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.await(Duration.ofSeconds(10)).until(d -> !d.findElement(By.cssSelector("[role=alert]")).getText().isEmpty());
        }

        // then: only the two within the rate were published
        assertThat(browser.driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("wait a minute");
        assertThat(published).hasSize(2).noneMatch(json -> json.contains("watches") || json.contains("Quick"));
    }

    @Test
    void shouldBeUsableWithTheKeyboardAloneOnAPhonesScreen() {
        // given a phone-sized window
        browser.driver.manage().window().setSize(new Dimension(375, 740));
        browser.driver.get(base() + "/meetings/m1/comment");
        Object overflow = browser.driver.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);

        // when: Tab to the item, arrow down twice, Tab to the text, type, Tab to the button, Enter
        Actions keys = new Actions(browser.driver);
        browser.driver.findElement(By.tagName("body")).click();
        while (!"item".equals(browser.driver.switchTo().activeElement().getAttribute("id"))) {
            keys.sendKeys(Keys.TAB).perform();
        }
        keys.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN).perform();
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("text");
        keys.sendKeys("The bus lane plan works for me").perform();
        clock.advance(Duration.ofSeconds(20));
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.driver.switchTo().activeElement().getText()).as("the hidden field is skipped").isEqualTo("Send my comment");
        keys.sendKeys(Keys.ENTER).perform();

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("[role=alert]")).getText().startsWith("Thank you"));
        assertThat(published).singleElement().satisfies(json -> assertThat(json).contains("item2").contains("The bus lane plan works for me"));
    }

    private String base() {
        return "http://localhost:" + server.port();
    }
}
