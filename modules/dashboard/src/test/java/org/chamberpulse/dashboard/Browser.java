package org.chamberpulse.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real headless Chromium (Debian's chromium and chromium-driver), driven by Selenium without downloads. */
public final class Browser implements AutoCloseable {

    /** How Chromium's inspector says an element is gone, where a stale element would be the usual word. */
    private static final String NODE_GONE = "does not belong to the document";

    public final ChromeDriver driver;
    private final File profile;

    public Browser() {
        if (!new File("/usr/bin/chromedriver").canExecute() || !new File("/usr/bin/chromium").canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run does)");
        }
        profile = tempDir();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900", "--user-data-dir=" + profile);
        this.driver = new ChromeDriver(service, options);
    }

    /**
     * Waits for a condition; the live pages redraw often, so an element gone stale is simply looked up again,
     * also when Chromium says so as an inspector error (an element of a page that a form's submission replaced).
     */
    public WebDriverWait await(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout) {
            @Override
            public <V> V until(Function<? super WebDriver, ? extends V> condition) {
                return super.until(page -> {
                    try {
                        return condition.apply(page);
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains(NODE_GONE)) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** axe-core's violations of WCAG 2.0, 2.1 and 2.2 A and AA on the current page, as "impact id: help (n nodes)". */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations(String... impacts) {
        driver.executeScript(AXE);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
                + ".then(r => done(r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes: '"
                + " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')))"
                + ".catch(e => done(['axe failed: ' + e]));");
        List<String> all = (List<String>) result;
        Set<String> wanted = Set.of(impacts);
        return all.stream().filter(v -> wanted.contains(v.substring(0, v.indexOf(' ')))).toList();
    }

    /** Saves a picture of the page, for the README and for a person checking a failure. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String AXE = readAxe();

    private static String readAxe() {
        try (InputStream stream = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (stream == null) {
                throw new IllegalStateException("axe.min.js is missing from the test class path");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File tempDir() {
        try {
            return Files.createTempDirectory("chromium").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try {
            Utils.delete(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
