package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.HourCount;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MinuteCount;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The chair's page and the clerk's console in real headless Chromium. The clerk's actions go to a
 * publisher that feeds them straight back into the live state, as the topology would.
 */
@Tag("browser")
class DashboardPageTest {

    private static final Instant T = Instant.parse("2026-11-27T14:00:00Z");
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    private final LiveState state = new LiveState();
    private final TopologyStandIn topology = new TopologyStandIn(state);
    private final List<Object> published = new CopyOnWriteArrayList<>();
    private DashboardServer server;
    private final Browser browser = new Browser();
    private final HttpClient http = HttpClient.newHttpClient();

    private DashboardServer start() {
        ClerkPublisher publisher = new ClerkPublisher() {
            @Override
            public void publish(Meeting meeting) {
                published.add(meeting);
                topology.meeting(meeting);
            }

            @Override
            public void publish(AgendaEvent event) {
                published.add(event);
                topology.agenda(event);
            }

            @Override
            public void publish(ModerationEvent event) {
                published.add(event);
                topology.moderate(event);
            }
        };
        ClerkSessions sessions = new ClerkSessions(Map.of("ada", Passwords.hash(PASSWORD.toCharArray())), Clock.systemUTC());
        ClerkConsole clerk = new ClerkConsole(sessions, publisher, new AuditLog(dir.resolve("audit.log"), Clock.systemUTC()), state, topology::comments, false, Clock.systemUTC())
                .following(hashtags -> hashtags.stream().<Map<String, Object>>map(tag -> new LinkedHashMap<>(Map.of("source", "mastodon",
                        "server", "mastodon.example", "hashtag", tag, "connected", true, "published", 3))).toList())
                .agendaSource((url, number, hashtags, zone) -> {
                    if (!url.equals("https://democracy.example.gov.uk")) {
                        throw new IllegalStateException("the service answered 404");
                    }
                    return new Meeting("mg-" + number, "Planning Committee", "Test City Council", hashtags, T, zone, 30, List.of(
                            new AgendaItem("63001", "1.", "Apologies", false, "63001", null), new AgendaItem("63002", "2.", "Land at Mill Lane", false, "63002", null)));
                });
        server = new DashboardServer(state, () -> true, DashboardServer.Options.dashboard(clerk, () -> "# metrics\n", routes -> { }), TestWeb.web()).start(0);
        return server;
    }

    @AfterEach
    void close() {
        browser.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldFollowAMeetingLiveOnTheChairsPage() {
        // given
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.summary(summary("1", 3, 1, List.of()));
        browser.driver.get(base() + "/meetings/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> count(d, "1").equals("3"));

        // when: more comments, a new item, an alert
        topology.summary(summary("1", 7, 2, List.of(new Quote("x:1", "Buses now!", T.plusSeconds(60), Sentiment.Label.POSITIVE))));
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "2", T.plusSeconds(600), "clerk"));
        topology.alert(new Alert("m1", "2", Alert.Kind.SURGE, T.plusSeconds(620), 40, 3, "Surge during item 2 (Budget): 40 comments in one minute"));

        // then
        browser.await(Duration.ofSeconds(5)).until(d -> count(d, "1").equals("7"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector("article[data-item='2']")).getAttribute("class").contains("running"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("now")).getText().equals("2. Budget"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("alerts")).getText().contains("Surge during item 2"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("quotes")).getText().contains("Buses now!"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector("article[data-item='1'] .bar"))
                .getAttribute("aria-label").startsWith("Sentiment: 60% positive, 20% neutral, 20% negative"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector("article[data-item='1'] svg"))
                .getAttribute("aria-label").startsWith("Comments a minute for 1. Questions"));
        browser.screenshot("chair");
    }

    @Test
    void shouldShowTheRunningItemTheServerComputedAfterACorrection() {
        // given: item 1, then item 2 running
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "2", T.plusSeconds(600), "clerk"));
        browser.driver.get(base() + "/meetings/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("now")).getText().equals("2. Budget"));

        // when the clerk corrects item 2's start to before item 1's (it was clicked by mistake): item 1 runs
        topology.agenda(new AgendaEvent("m1", AgendaEventType.CORRECTION, "2", T.minusSeconds(300), "clerk"));

        // then the page shows the item the counts follow, not one worked out from the events in the browser
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("now")).getText().equals("1. Questions"));
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector("article[data-item='1']")).getAttribute("class").contains("running"));
    }

    @Test
    void shouldShowHostileCommentsAsTextWithoutRunningThem() {
        // given
        start();
        topology.meeting(meeting());
        List<Quote> hostile = List.of(
                new Quote("x:1", "<script>window.pwned = 1</script>", T, Sentiment.Label.NEUTRAL),
                new Quote("x:2", "<img src=x onerror=\"window.pwned = 2\">", T.plusSeconds(1), Sentiment.Label.NEUTRAL),
                new Quote("x:3", "\"><svg onload=window.pwned=3>", T.plusSeconds(2), Sentiment.Label.NEUTRAL));
        topology.summary(summary("1", 3, 1, hostile));

        // when
        browser.driver.get(base() + "/meetings/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("quotes")).getText().contains("<script>"));

        // then
        assertThat(browser.driver.findElement(By.id("quotes")).getText())
                .contains("<script>window.pwned = 1</script>", "<img src=x onerror=\"window.pwned = 2\">");
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.findElements(By.cssSelector("#quotes img, #quotes script, #quotes svg"))).isEmpty();
        // a meeting id in the address is escaped into the page, not run
        browser.driver.get(base() + "/meetings/%22%3E%3Cscript%3Ewindow.pwned=4%3C%2Fscript%3E");
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void shouldShowALondonMeetingsTimesOnLondonsClockToAViewerInNewYork() {
        // given a browser whose computer is set to New York
        browser.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.summary(summary("1", 1, 1, List.of(new Quote("x:1", "Buses now!", T.plusSeconds(300), Sentiment.Label.POSITIVE))));

        // when
        browser.driver.get(base() + "/meetings/m1");

        // then: 14:00 in London (GMT in November), named, not New York's 09:00
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("meta")).getText().contains("14:00 GMT"));
        assertThat(browser.driver.findElement(By.id("meta")).getText()).doesNotContain("09:00");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("quotes")).getText().contains("14:05 GMT"));
    }

    @Test
    void shouldShowTheClerkThePostsThatMissedEveryWindow() {
        // given a meeting, and posts with its hashtag outside every window (a start time set a day wrong)
        start();
        topology.meeting(meeting());
        // (the browser's "now" is the machine's: the recent hours are made from it)
        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        state.unmatched(new UnmatchedSummary("testlive", 7, 1, 1, List.of(
                new HourCount(thisHour.minus(Duration.ofHours(20)), 3), new HourCount(thisHour, 4))));

        // when
        logIn("/clerk/m1");

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("missed")).getText()
                .startsWith("#testlive: 7 posts and 1 reposts outside every meeting's window. Wrong hashtag or start time?"));
        assertThat(browser.driver.findElement(By.id("missed")).getText()).endsWith("Of these, 4 in the last 3 hours.");

        // and live, as more miss
        state.unmatched(new UnmatchedSummary("testlive", 9, 1, 2, List.of()));
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("missed")).getText().startsWith("#testlive: 9 posts"));

        // and in Welsh, from the switch, with the console's own sentences
        browser.driver.get(base() + "/clerk/m1?lang=cy");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("missed")).getText()
                .startsWith("#testlive: 9 o bostiadau a 1 o ailbostiadau y tu allan i ffenestr pob cyfarfod."));
        assertThat(browser.driver.findElement(By.id("next-item")).getText()).isEqualTo("Dechrau'r eitem nesaf: 1. Questions");
    }

    @Test
    void shouldRunAMeetingWithARecessAMistakenAdjournmentAndItsUndo() {
        // given: a clerk in the console of a meeting not yet opened
        start();
        topology.meeting(meeting());
        logIn("/clerk/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("Not opened yet."));
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("sources")).getText()
                .startsWith("Mastodon mastodon.example #" + meeting().hashtags().get(0) + ": connected, 3 posts"));

        // then: what makes no sense yet is not offered
        assertThat(button("[data-action=RECESS]").isEnabled()).isFalse();
        assertThat(button("#adjourn").isEnabled()).isFalse();
        assertThat(button("#reopen").isDisplayed()).isFalse();

        // when: open, item 1, item 2, recess, then "the next item"
        click("[data-action=OPENED]");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("Open; no item started."));
        click("#next-item");
        awaitRunning("1. Questions");
        click("#next-item");
        awaitRunning("2. Budget");
        click("[data-action=RECESS]");
        awaitRunning("Recess");
        assertThat(button("#next-item").getText()).isEqualTo("Start the next item: 3. Exempt business");
        click("#next-item");

        // then: item 3, never item 1 again
        awaitRunning("3. Exempt business");

        // when: adjourn asks first; then the clerk undoes it
        click("#adjourn");
        assertThat(topology.events("m1")).noneMatch(e -> e.type() == AgendaEventType.ADJOURNED);
        click("#confirm-adjourn [data-action=ADJOURNED]");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("Adjourned."));
        assertThat(button("#next-item").isEnabled()).isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("button.start"))).allSatisfy(b -> assertThat(b.isEnabled()).isFalse());
        click("#reopen");

        // then: the meeting goes on in item 3
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("In an item."));
        awaitRunning("3. Exempt business");
    }

    @Test
    void shouldRefuseAnActionTheMeetingDoesNotAllowAndSayWhyNextToIt() throws Exception {
        // given: an adjourned meeting
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ADJOURNED, null, T.plusSeconds(600), "clerk"));
        logIn("/clerk/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("Adjourned."));

        // when: the API is asked to start an item all the same
        String cookie = browser.driver.manage().getCookieNamed(ClerkConsole.COOKIE).getValue();
        String csrf = browser.driver.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/clerk/meetings/m1/events"))
                .header("Cookie", ClerkConsole.COOKIE + "=" + cookie).header(ClerkConsole.CSRF_HEADER, csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ITEM_STARTED\",\"itemId\":\"2\"}")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("adjourned", "undo");
        assertThat(topology.events("m1")).hasSize(2);
    }

    @Test
    void shouldClearAFalsePositiveFromTheModerationQueue() {
        // given: a quote, and a comment flagged as profanity that is not
        start();
        topology.meeting(meeting());
        topology.summary(summary("1", 2, 2, List.of(new Quote("c0123456789abcdef01234567", "Buses are late", T, Sentiment.Label.NEGATIVE))));
        topology.flagged(new MeetingComments.Listed("cfedcba9876543210fedcba98", "1", T.plusSeconds(30), "Scunthorpe did this better", List.of("profanity"), false));
        logIn("/clerk/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("comments")).getText().contains("Buses are late"));

        // when: the queue only
        click("#queue-only");

        // then: the flagged comment alone, with a way to clear it
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("comments")).getText().contains("Buses are late"));
        assertThat(browser.driver.findElement(By.id("comments")).getText()).contains("Scunthorpe did this better").contains("profanity");

        // when cleared
        click("#comments li[data-comment='cfedcba9876543210fedcba98'] button:nth-of-type(2)");

        // then: applied through Kafka, and the list offers to flag it again
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("#comments li[data-comment='cfedcba9876543210fedcba98'] button:nth-of-type(2)"))
                .getText().equals("Flag again"));
        assertThat(published).filteredOn(ModerationEvent.class::isInstance).extracting(e -> ((ModerationEvent) e).action())
                .containsExactly(ModerationEvent.Action.CLEAR);
    }

    @Test
    void shouldImportAMeetingFromModernGovAfterAPreview() {
        // given
        start();
        logIn("/clerk");
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("mg-url")).isEmpty());

        // when: a wrong address first, then the council's
        browser.driver.findElement(By.id("mg-url")).sendKeys("https://wrong.example.gov.uk");
        browser.driver.findElement(By.id("mg-number")).sendKeys("12345");
        browser.driver.findElement(By.id("mg-hashtags")).sendKeys("planninglive");
        browser.driver.findElement(By.cssSelector("#moderngov button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("moderngov-message")).getText().contains("the service answered 404"));
        browser.driver.findElement(By.id("mg-url")).clear();
        browser.driver.findElement(By.id("mg-url")).sendKeys("https://democracy.example.gov.uk");
        browser.driver.findElement(By.cssSelector("#moderngov button[type=submit]")).click();

        // then: a preview, nothing published yet
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("mg-summary")).getText().startsWith("Planning Committee (mg-12345)"));
        assertThat(browser.driver.findElement(By.id("mg-items")).getText()).contains("1. Apologies").contains("2. Land at Mill Lane");
        assertThat(published).isEmpty();

        // when published
        click("#mg-publish");

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/clerk/mg-12345"));
        assertThat(published).filteredOn(Meeting.class::isInstance).extracting(m -> ((Meeting) m).hashtags()).containsExactly(List.of("planninglive"));
    }

    @Test
    void shouldRefuseToCreateAMeetingOverOneThatExists() {
        // given
        start();
        topology.meeting(meeting());
        logIn("/clerk");

        // when: a new meeting with the id of the existing one
        createMeeting("m1", "Planning", "planlive", "1 | Minutes");

        // then: refused, next to the form, and the meeting is as it was
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("create-message")).getText().contains("exists"));
        assertThat(state.meeting("m1").orElseThrow().meeting().title()).isEqualTo("Full Council");
        assertThat(published).isEmpty();
    }

    @Test
    void shouldCreateAMeetingWithAnExemptItemMarkedInTheConsolesLanguage() {
        // given: a clerk whose browser asks for Welsh, on the form that says "| cyfyngedig" marks exempt business
        asksForLanguages("cy");
        start();
        logIn("/clerk");
        assertThat(browser.driver.findElement(By.cssSelector("label[for=items]")).getText()).contains("| cyfyngedig");

        // when
        createMeeting("cab-1", "Cabinet", "cablive", "1 | Cofnodion\n2 | Tir ym Mill Lane | Cyfyngedig\n3 | Land | restricted");

        // then: the Welsh word marks the item exempt, as the English one does
        browser.await(Duration.ofSeconds(10)).until(d -> published.stream().anyMatch(Meeting.class::isInstance));
        Meeting created = published.stream().filter(Meeting.class::isInstance).map(Meeting.class::cast).findFirst().orElseThrow();
        assertThat(created.items()).extracting(item -> item.title() + ": " + item.restricted())
                .containsExactly("Cofnodion: false", "Tir ym Mill Lane: true", "Land: true");
    }

    @Test
    void shouldHideAndShowAgainFromTheConsolesList() {
        // given: quotes on the chair's page
        start();
        topology.meeting(meeting());
        topology.summary(summary("1", 2, 1, List.of(new Quote("c0123456789abcdef01234567", "Buses are late", T, Sentiment.Label.NEGATIVE))));
        logIn("/clerk/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("comments")).getText().contains("Buses are late"));

        // when: hidden from the list, then shown again
        click("#comments li[data-comment='c0123456789abcdef01234567'] button");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("#comments li[data-comment='c0123456789abcdef01234567'] button"))
                .getText().equals("Show again"));
        click("#comments li[data-comment='c0123456789abcdef01234567'] button");
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("#comments li[data-comment='c0123456789abcdef01234567'] button"))
                .getText().equals("Hide"));

        // then
        assertThat(published).filteredOn(ModerationEvent.class::isInstance).extracting(e -> ((ModerationEvent) e).action())
                .containsExactly(ModerationEvent.Action.HIDE, ModerationEvent.Action.SHOW);
    }

    private void logIn(String next) {
        browser.driver.get(base() + next);
        browser.driver.findElement(By.id("user")).sendKeys("ada");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith(next));
    }

    /** Fills the console's form for a new meeting, starting on 1 January 2027 at 10:00, and sends it. */
    private void createMeeting(String meetingId, String title, String hashtag, String items) {
        browser.driver.findElement(By.id("meetingId")).sendKeys(meetingId);
        browser.driver.findElement(By.id("mtitle")).sendKeys(title);
        browser.driver.findElement(By.id("hashtags")).sendKeys(hashtag);
        browser.driver.findElement(By.id("start")).sendKeys("01012027\t1000AM");
        browser.driver.findElement(By.id("items")).sendKeys(items);
        browser.driver.findElement(By.cssSelector("#create button[type=submit]")).click();
    }

    private WebElement button(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private void click(String css) {
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)).isEnabled() && d.findElement(By.cssSelector(css)).isDisplayed());
        browser.driver.findElement(By.cssSelector(css)).click();
    }

    private void awaitRunning(String label) {
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("running")).getText().equals(label));
    }

    @Test
    void shouldLetALoggedInClerkStartAnItem() throws Exception {
        // given
        start();
        topology.meeting(meeting());

        // when: the console asks for a login first
        browser.driver.get(base() + "/clerk/m1");
        assertThat(browser.driver.getCurrentUrl()).contains("/login?next=%2Fclerk%2Fm1");
        browser.driver.findElement(By.id("user")).sendKeys("ada");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/clerk/m1"));
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("tr[data-item='2'] button")).isEmpty());
        browser.driver.findElement(By.cssSelector("tr[data-item='2'] button")).click();

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("running")).getText().equals("2. Budget"));
        assertThat(published).singleElement().isInstanceOfSatisfying(AgendaEvent.class, event -> {
            assertThat(event.type()).isEqualTo(AgendaEventType.ITEM_STARTED);
            assertThat(event.itemId()).isEqualTo("2");
            assertThat(event.actor()).isEqualTo("ada");
        });
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"user\":\"ada\"", "\"action\":\"agenda-item_started\"");
        String cookie = browser.driver.manage().getCookieNamed(ClerkConsole.COOKIE).getValue();
        assertThat(browser.driver.manage().getCookieNamed(ClerkConsole.COOKIE).isHttpOnly()).isTrue();
        assertThat(browser.driver.manage().getCookieNamed(ClerkConsole.COOKIE).getSameSite()).isEqualTo("Strict");

        // and the API refuses a change without the CSRF token, or without a session
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/clerk/meetings/m1/events"))
                .header("Cookie", ClerkConsole.COOKIE + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"RECESS\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noSession = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/clerk/meetings/m1/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"RECESS\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldRefuseAWrongPassword() {
        // given
        start();

        // when
        browser.driver.get(base() + "/login");
        browser.driver.findElement(By.id("user")).sendKeys("ada");
        browser.driver.findElement(By.id("password")).sendKeys("wrong");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();

        // then
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector(".error")).getText().contains("do not match"));
        assertThat(browser.driver.manage().getCookieNamed(ClerkConsole.COOKIE)).isNull();
    }

    @Test
    void shouldShowTheChairsPageInWelshToABrowserThatAsksForItAndSwitchBack() {
        // given a browser that asks for Welsh first
        asksForLanguages("cy,en;q=0.5");
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.summary(summary("1", 12, 9, List.of(new Quote("x:1", "Da iawn", T, Sentiment.Label.POSITIVE))));
        topology.summary(summary("pre", 2, 2, List.of()));

        // when
        browser.driver.get(base() + "/meetings/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> count(d, "1").equals("12"));

        // then: Welsh throughout, named as Welsh, and accessible
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
        assertThat(browser.driver.findElement(By.id("now-heading")).getAttribute("textContent")).isEqualTo("Nawr");
        assertThat(browser.driver.findElement(By.id("quotes-heading")).getAttribute("textContent")).isEqualTo("Sylwadau diweddar");
        browser.await(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("items")).getText().contains("Cyn yr eitem gyntaf"));
        assertThat(browser.driver.findElement(By.id("items")).getText()).contains("Sylwadau").contains("Pobl").doesNotContain("People");
        assertThat(browser.driver.findElement(By.cssSelector("article[data-item='1'] .bar")).getAttribute("aria-label")).startsWith("Teimlad:");
        assertThat(browser.driver.findElement(By.id("quotes")).getText()).contains("cadarnhaol");
        assertThat(browser.accessibilityViolations("serious", "critical")).as("chair's page in Welsh").isEmpty();

        // when the viewer switches to English, which is then remembered
        browser.driver.findElement(By.cssSelector("nav.languages a[lang='en']")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        browser.driver.get(base() + "/meetings/m1");

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("now-heading")).getAttribute("textContent").equals("Now"));
        assertThat(browser.accessibilityViolations("serious", "critical")).as("chair's page in English").isEmpty();
    }

    @Test
    void shouldRunTheConsoleInWelsh() {
        // given a clerk whose browser asks for Welsh
        asksForLanguages("cy");
        start();
        topology.meeting(meeting());

        // when
        browser.driver.get(base() + "/login?next=/clerk/m1");
        assertThat(browser.driver.findElement(By.tagName("h2")).getText()).isEqualTo("Mewngofnodi");
        assertThat(browser.accessibilityViolations("serious", "critical")).as("login in Welsh").isEmpty();
        browser.driver.findElement(By.id("user")).sendKeys("ada");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();

        // then
        browser.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("phase")).getText().equals("Heb agor eto."));
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
        assertThat(button("[data-action=OPENED]").getText()).isEqualTo("Agor y cyfarfod");
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("tr[data-item='1'] button.start")).isEmpty());
        assertThat(button("tr[data-item='1'] button.start").getText()).isEqualTo("Dechrau");
        assertThat(button("form.logout button").getText()).isEqualTo("Allgofnodi");
        assertThat(browser.driver.findElement(By.cssSelector("table.agenda thead th")).getText()).isEqualTo("Eitem");
        assertThat(browser.driver.findElement(By.id("comment-query")).getAttribute("placeholder")).isEqualTo("geiriau, rhif adnabod neu eitem");
        assertThat(browser.driver.findElement(By.id("comment-pages")).getAttribute("aria-label")).isEqualTo("Tudalennau o sylwadau");
        assertThat(browser.accessibilityViolations("serious", "critical")).as("console in Welsh").isEmpty();
    }

    @Test
    void shouldHaveNoSeriousAccessibilityViolations() {
        // given
        start();
        topology.meeting(meeting());
        topology.agenda(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T, "clerk"));
        topology.summary(summary("1", 12, 9, List.of(new Quote("x:1", "Good question", T, Sentiment.Label.POSITIVE))));
        topology.alert(new Alert("m1", "1", Alert.Kind.SWING, T.plusSeconds(60), -0.4, 0.3, "Mood during item 1 turned more negative"));

        // then: the chair's page (normal and large type), the list, the login page and the console
        browser.driver.get(base() + "/meetings/m1");
        browser.await(Duration.ofSeconds(10)).until(d -> count(d, "1").equals("12"));
        assertThat(browser.accessibilityViolations("serious", "critical")).as("chair's page").isEmpty();
        double heading = fontSize("article[data-item='1'] h3");
        double label = fontSize("article[data-item='1'] dl.stats dt");
        browser.driver.findElement(By.id("large-type")).click();
        assertThat(browser.accessibilityViolations("serious", "critical")).as("chair's page, large type").isEmpty();
        assertThat(fontSize("article[data-item='1'] h3")).as("card titles grow with large type").isGreaterThanOrEqualTo(heading * 1.4);
        assertThat(fontSize("article[data-item='1'] dl.stats dt")).as("labels grow with large type").isGreaterThanOrEqualTo(label * 1.4);
        browser.driver.get(base() + "/");
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("section.meeting")).isEmpty());
        assertThat(browser.accessibilityViolations("serious", "critical")).as("meeting list").isEmpty();
        browser.driver.get(base() + "/login?next=/clerk/m1");
        assertThat(browser.accessibilityViolations("serious", "critical")).as("login").isEmpty();
        browser.driver.findElement(By.id("user")).sendKeys("ada");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("tr[data-item='1']")).isEmpty());
        assertThat(browser.accessibilityViolations("serious", "critical")).as("clerk console").isEmpty();
    }

    @Test
    void shouldSendTheSecurityHeaders() throws Exception {
        start();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/meetings/m1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script>").contains("src=\"/static/chair.js\"");
    }

    @Test
    void shouldServeThePagesFilesWithAValidatorAndNothingBesideThem() throws Exception {
        // given
        start();

        // when: a script fetched, then revalidated with its ETag; then names that are not the pages' files
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base() + "/static/chair.js")).build(), HttpResponse.BodyHandlers.ofString());
        String etag = script.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base() + "/static/chair.js")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> style = http.send(HttpRequest.newBuilder(URI.create(base() + "/static/style.css")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.body()).isNotBlank();
        assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(style.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
        for (String name : List.of("nope.js", "..%2Fpages%2Fchair.html", "%2E%2E%2Fapplication.properties", "chair.js.bak", "Chair.JS", "chair.html")) {
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base() + "/static/" + name)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).as(name).isEqualTo(404);
        }
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    private static String count(WebDriver driver, String itemId) {
        List<WebElement> cells = driver.findElements(By.cssSelector("article[data-item='" + itemId + "'] .count dd"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private double fontSize(String selector) {
        return Double.parseDouble(browser.driver.findElement(By.cssSelector(selector)).getCssValue("font-size").replace("px", ""));
    }

    private static Meeting meeting() {
        return new Meeting("m1", "Full Council", "Test City Council", List.of("testlive"), T, "Europe/London", 0, List.of(
                new AgendaItem("1", "1", "Questions", false, null, null),
                new AgendaItem("2", "2", "Budget", false, null, null),
                new AgendaItem("3", "3", "Exempt business", true, null, null)));
    }

    private static ItemSummary summary(String itemId, long count, long version, List<Quote> quotes) {
        return new ItemSummary("m1", itemId, itemId, "Questions", count, 1, count - 1, new SentimentSummary(0.2, count / 2, count / 4, count / 4, 0, "tuned"),
                List.of(new MinuteCount(T, count / 2), new MinuteCount(T.plusSeconds(60), count - count / 2)),
                List.of(new TermCount("buses", 2)), List.of(new TermCount("lanes", 2)), 0, false,
                T, T.plusSeconds(60), quotes, version, null);
    }

    /** The browser's Accept-Language from now on, as a viewer's settings give it. */
    private void asksForLanguages(String acceptLanguage) {
        String agent = (String) browser.driver.executeScript("return navigator.userAgent");
        browser.driver.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", acceptLanguage));
    }
}
