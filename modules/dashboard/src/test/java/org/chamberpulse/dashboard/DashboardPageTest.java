package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dashboard in real headless Chromium: the page follows the live state without a reload. */
@Tag("browser")
class DashboardPageTest {

    private final LiveState state = new LiveState();
    private final DashboardServer server = new DashboardServer(state, () -> true).start(0);
    private final Browser browser = new Browser();

    @AfterEach
    void close() {
        browser.close();
        server.close();
    }

    @Test
    void shouldShowCountsThatChangeLiveWithoutAReload() {
        // given
        Meeting meeting = new Meeting("m1", "Full Council", "Test City Council", List.of("testlive"), Instant.parse("2026-11-27T14:00:00Z"),
                "Europe/London", 0, List.of(new AgendaItem("1", "1", "Public questions", false, null, null)));
        state.meeting("m1", meeting);
        state.summary(summary(3, 1));
        browser.driver.get("http://localhost:" + server.port() + "/");
        browser.await(Duration.ofSeconds(10)).until(d -> count(d).equals("3"));

        // when
        state.summary(summary(7, 2));

        // then
        browser.await(Duration.ofSeconds(5)).until(d -> count(d).equals("7"));
        assertThat(browser.driver.findElement(By.cssSelector("section.meeting h2")).getText()).contains("Full Council");
    }

    private static String count(org.openqa.selenium.WebDriver driver) {
        List<org.openqa.selenium.WebElement> cells = driver.findElements(By.cssSelector("tr[data-item='1'] td.count"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private static ItemSummary summary(long count, long version) {
        return new ItemSummary("m1", "1", "1", "Public questions", count, 0, count, null, List.of(), List.of(), List.of(), 0, false,
                null, null, List.of(), version);
    }
}
