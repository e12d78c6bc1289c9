package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web page in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them): upload a file,
 * wait for the colorized picture, move the before/after slider, download the result, and see an API error in words.
 * Skipped, with the reason, where Chromium is not installed.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Selenium logs through java.util.logging; it warns that it has no DevTools for this Chromium, which is not used
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    @TempDir
    static Path dir;
    private static ColorizeServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is not installed (apt-get install chromium chromium-driver): browser test skipped");
        server = ColorizeServer.start(ApiTest.config().build(), TestRuns.tiny());
        server.awaitReady();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        // Selenium must not look for (or download) drivers or browsers: both are named here
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1200,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", Files.createDirectories(dir.resolve("downloads")).toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void uploadCompareAndDownload() throws Exception {
        Path photo = dir.resolve("old photo.png");
        ImageFiles.writeImage(TestRuns.picture(60, 40, 3), photo, "png");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        until(b -> b.findElement(By.id("model")).getText().contains("unet"));

        browser.findElement(By.id("file")).sendKeys(photo.toString());
        until(b -> b.findElement(By.id("result")).isDisplayed());
        until(b -> js("return document.getElementById('colorized').naturalWidth").equals(60L));
        assertThat(js("return document.getElementById('colorized').naturalHeight")).isEqualTo(40L);
        assertThat(browser.findElement(By.id("status")).getText()).contains("Done");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

        // the slider: at 0 the colorized picture shows everywhere, at 100 the gray one covers it
        WebElement slider = browser.findElement(By.id("slider"));
        slider.sendKeys(Keys.HOME);
        assertThat(topElementAtCompareCenter()).isEqualTo("after");
        slider.sendKeys(Keys.END);
        assertThat(topElementAtCompareCenter()).isEqualTo("before");

        browser.findElement(By.id("download")).click();
        Path saved = dir.resolve("downloads/old photo-colorized.png");
        until(b -> Files.exists(saved) && !Files.exists(saved.resolveSibling(saved.getFileName() + ".crdownload")));
        BufferedImage downloaded = ImageFiles.readRgb(saved);
        assertThat(List.of(downloaded.getWidth(), downloaded.getHeight())).containsExactly(60, 40);
    }

    @Test
    void anApiErrorIsShownInWords() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.png"), "shopping list: milk, bread");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.findElement(By.id("file")).sendKeys(notes.toString());
        until(b -> b.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).getText())
                .contains("could not be colorized").contains("not an image");
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
    }

    /** Waits up to 30 s for the condition; an element not there yet counts as false. */
    private static void until(Predicate<WebDriver> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (condition.test(browser)) {
                    return;
                }
            } catch (WebDriverException notYet) {
                // e.g. no such element yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not get there within 30 s: " + browser.getPageSource());
            }
            Thread.sleep(50);
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    // which picture a click at the middle of the comparison would hit (clip-path cuts hit-testing too)
    private static String topElementAtCompareCenter() {
        return (String) js("const r = document.getElementById('compare').getBoundingClientRect();"
                + "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).id;");
    }
}
