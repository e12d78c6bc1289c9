package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import dev.colorizer.color.Lab;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The web page in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them): upload a file,
 * wait for the colorized picture, move the before/after slider, download the result, and see an API error in words
 * (an upload over the limit too); with the bundled model, place color hints by clicking, change, pick, load, download
 * and delete them, choose and remove a reference photograph, and take suggested points as hints. Skipped, with the
 * reason, where Chromium (or, for the hints, the bundled model) is not there.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Selenium logs through java.util.logging; it warns that it has no DevTools for this Chromium, which is not used
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    private static final Path SAMPLE = Pictures.BEACH; // 256x128
    private static final int GREEN = 0x20C040;
    // wraps the page's fetch: records the field names of each form it posts (window.sentForms), and once asked
    // (window.forgetOnce = true) replaces the image_id sent with one the server never gave, as after its restart
    private static final String RECORD_FORMS = "window.sentForms = []; window.forgetOnce = false;"
            + "const original = window.fetch;"
            + "window.fetch = (url, options) => {"
            + "  const form = options && options.body;"
            + "  if (form instanceof FormData) {"
            + "    if (window.forgetOnce && form.has('image_id')) {"
            + "      form.set('image_id', 'A'.repeat(22));"
            + "      window.forgetOnce = false;"
            + "    }"
            + "    window.sentForms.push([...form.keys()]);"
            + "  }"
            + "  return original(url, options);"
            + "};";
    // the mean sRGB of the picture shown as #colorized over the (2r + 1)² square around (x, y) of its pixels
    private static final String MEAN_RGB = "const [x, y, r] = arguments;"
            + "const image = document.getElementById('colorized');"
            + "const canvas = document.createElement('canvas');"
            + "canvas.width = image.naturalWidth;"
            + "canvas.height = image.naturalHeight;"
            + "const g = canvas.getContext('2d');"
            + "g.drawImage(image, 0, 0);"
            + "const d = g.getImageData(x - r, y - r, 2 * r + 1, 2 * r + 1).data;"
            + "const sum = [0, 0, 0];"
            + "for (let k = 0; k < d.length; k += 4) for (let c = 0; c < 3; c++) sum[c] += d[k + c];"
            + "return sum.map((v) => Math.round(v / (d.length / 4)));";

    @TempDir
    static Path dir;
    private static ColorizeServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is not installed (apt-get install chromium chromium-driver): browser test skipped");
        server = ColorizeServer.start(ApiTest.config().build(), TrainedRuns.tiny("unet"));
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
        ImageFiles.writeImage(SyntheticImages.scene(60, 40, 3), photo, OutputFormat.PNG);
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

        // this model takes no hints: the page says so, and a click on the picture places none
        assertThat(browser.findElement(By.id("hint-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("no-hints")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("reference-panel")).isDisplayed()).as("a reference needs hints").isFalse();
        clickOnPicture(30, 20, 60, 40);
        assertThat(browser.findElements(By.cssSelector("#markers .hint"))).isEmpty();
    }

    @Test
    void theWorkingSizeIsChosenOnThePageAndTheSizesAreComparedSideBySide() throws Exception {
        Path scan = dir.resolve("scan.tif");
        BufferedImage page = SyntheticImages.scene(60, 40, 4);
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(scan.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(page, null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(page, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        browser.get("http://127.0.0.1:" + server.port() + "/");
        until(b -> b.findElement(By.id("model")).getText().contains("unet"));
        // the tiny model takes sizes 16 to 32 in steps of 8, beside its own ("")
        assertThat(js("return [...document.getElementById('size').options].map((o) => o.value)"))
                .isEqualTo(List.of("", "16", "24", "32"));
        browser.findElement(By.id("file")).sendKeys(scan.toString());
        until(b -> js("return document.getElementById('colorized').naturalWidth").equals(60L) && idle(b));
        assertThat(browser.findElement(By.id("warnings")).getText())
                .isEqualTo("Note: upload: 2 pages: only the first is colorized");

        browser.findElement(By.id("compare-sizes")).click();
        until(b -> b.findElements(By.cssSelector("#sizes figure")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#sizes figcaption"))).extracting(WebElement::getText)
                .containsExactly("size 16 Use this size", "the model's own size Use this size",
                        "size 32 Use this size");
        browser.findElements(By.cssSelector("#sizes figcaption button")).get(2).click();
        until(b -> "32".equals(js("return document.getElementById('size').value")) && idle(b));
    }

    @Test
    void aModelThatFailedToLoadIsSaidOnThePageInsteadOfWaitedForForever() throws Exception {
        try (ColorizeServer broken = ColorizeServer.start(ApiTest.config().build(), dir.resolve("no-such-run"))) {
            browser.get("http://127.0.0.1:" + broken.port() + "/");
            until(b -> b.findElement(By.id("model")).getText().contains("failed to load"));
            assertThat(browser.findElement(By.id("model")).getText()).contains("Reload the page");
        }
    }

    @Test
    void hintsPlacedByClickingRecolorizeWithoutUploadingAgainAndDownloadAsJson() throws Exception {
        Assumptions.assumeTrue(Colorizer.hasBundled(), "this build carries no bundled model: hints test skipped");
        try (ColorizeServer bundled = ColorizeServer.start(ApiTest.config().build(), null)) {
            bundled.awaitReady();
            Path photo = Files.copy(SAMPLE, dir.resolve("beach0.jpg"), StandardCopyOption.REPLACE_EXISTING);
            browser.get("http://127.0.0.1:" + bundled.port() + "/");
            until(b -> b.findElement(By.id("model")).getText().contains("unet-hints"));
            js(RECORD_FORMS);
            browser.findElement(By.id("file")).sendKeys(photo.toString());
            until(b -> js("return document.getElementById('colorized').naturalWidth").equals(256L) && idle(b));
            assertThat(browser.findElement(By.id("hint-panel")).isDisplayed()).isTrue();
            int[] automatic = meanRgb(128, 64);

            // a click at the middle of the picture, shown at whatever size, places a hint at its pixel (128, 64)
            clickOnPicture(128, 64, 256, 128);
            until(b -> b.findElements(By.cssSelector("#hint-list li")).size() == 1 && idle(b));
            assertThat(browser.findElements(By.cssSelector("#markers .hint"))).hasSize(1);
            String shown = browser.findElement(By.id("colorized")).getDomProperty("src");
            js("const input = document.querySelector('#hint-list input[type=color]');"
                    + "input.value = '#20c040';"
                    + "input.dispatchEvent(new Event('input', {bubbles: true}));"
                    + "input.dispatchEvent(new Event('change', {bubbles: true}));");
            until(b -> !b.findElement(By.id("colorized")).getDomProperty("src").equals(shown) && idle(b));
            assertThat(browser.findElement(By.cssSelector("#markers .hint")).getCssValue("background-color"))
                    .isEqualTo("rgba(32, 192, 64, 1)");
            double before = abDistance(automatic, GREEN);
            double after = abDistance(meanRgb(128, 64), GREEN);
            assertThat(after).as("a/b distance to the green hint's color under it: %.1f before it", before)
                    .isLessThan(before - 15);

            // after the first upload, every request sent the picture's id, not the picture
            List<List<String>> forms = sentForms();
            assertThat(forms.get(0)).containsExactly("image");
            assertThat(forms.subList(1, forms.size())).isNotEmpty()
                    .allSatisfy(fields -> assertThat(fields).containsExactlyInAnyOrder("image_id", "hints"));

            // "pick from the result" keeps the color shown under the hint: green now, though not the hint's own
            browser.findElement(By.cssSelector("#hint-list button[data-action=pick]")).click();
            until(BrowserTest::idle);
            String picked = browser.findElement(By.cssSelector("#hint-list input[type=color]")).getDomProperty("value");
            int rgb = Integer.parseInt(picked.substring(1), 16);
            assertThat(rgb >> 8 & 0xFF).as(picked).isGreaterThan(rgb >> 16 & 0xFF).isGreaterThan(rgb & 0xFF);

            browser.findElement(By.id("hints-download")).click();
            Path saved = dir.resolve("downloads/beach0-hints.json");
            until(b -> Files.exists(saved) && !Files.exists(saved.resolveSibling(saved.getFileName() + ".crdownload")));
            JsonNode points = Json.MAPPER.readTree(saved.toFile()).get("points");
            assertThat(points).hasSize(1);
            assertThat(points.get(0).get("x").asDouble()).as("input pixels").isBetween(127.0, 129.0);
            assertThat(points.get(0).get("y").asDouble()).isBetween(63.0, 65.0);
            assertThat(points.get(0).get("color").asText()).isEqualTo(picked);

            // a marker dragged to pixel (64, 100), then moved one pixel right with the arrow key
            WebElement marker = browser.findElement(By.cssSelector("#markers .hint"));
            Rectangle box = browser.findElement(By.id("colorized")).getRect();
            new Actions(browser).clickAndHold(marker).moveByOffset((int) Math.round((64 - 128) / 256.0 * box.width),
                    (int) Math.round((100 - 64) / 128.0 * box.height)).release().perform();
            until(BrowserTest::idle);
            double[] dragged = hintPosition();
            assertThat(dragged[0]).isBetween(63.0, 65.0);
            assertThat(dragged[1]).isBetween(99.0, 101.0);
            marker.sendKeys(Keys.ARROW_RIGHT);
            until(BrowserTest::idle);
            assertThat(hintPosition()).containsExactly(new double[] {dragged[0] + 1, dragged[1]}, within(1e-9));

            // hints loaded from a file replace those shown; a deleted one is gone from the picture and the list
            Path file = Files.writeString(dir.resolve("two.json"), "{\"points\": [{\"x\": 40, \"y\": 90,"
                    + " \"color\": \"#d29\"}, {\"x\": 200.5, \"y\": 30, \"color\": \"#2050E0\", \"radius\": 5}]}");
            browser.findElement(By.id("hints-file")).sendKeys(file.toString());
            until(b -> b.findElements(By.cssSelector("#markers .hint")).size() == 2 && idle(b));
            assertThat(browser.findElement(By.id("hint-list")).getText()).contains("(40.0, 90.0)", "(200.5, 30.0)");

            // the server forgot the picture (410): the page sends it again, and the user sees no error
            js("window.forgetOnce = true;");
            int sent = sentForms().size();
            browser.findElement(By.cssSelector("#hint-list li:first-child button[data-action=delete]")).click();
            until(b -> sentForms().size() >= sent + 2 && idle(b));
            assertThat(sentForms().subList(sent, sent + 2)).containsExactly(List.of("image_id", "hints"),
                    List.of("image", "hints"));
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("status")).getText()).contains("Done");
            assertThat(browser.findElements(By.cssSelector("#markers .hint"))).hasSize(1);
            assertThat(browser.findElement(By.id("hint-list")).getText()).contains("Hint 1 at (200.5, 30.0)")
                    .doesNotContain("40.0");

            // the saturation slider re-colorizes with the hints too: at 0 the picture is gray, under the hint as well
            String hinted = browser.findElement(By.id("colorized")).getDomProperty("src");
            js("const slider = document.getElementById('saturation');"
                    + "slider.value = '0';"
                    + "slider.dispatchEvent(new Event('input', {bubbles: true}));");
            until(b -> !b.findElement(By.id("colorized")).getDomProperty("src").equals(hinted) && idle(b));
            int[] gray = meanRgb(200, 30);
            assertThat(Math.max(Math.abs(gray[0] - gray[1]), Math.abs(gray[1] - gray[2]))).as("R, G, B under the hint")
                    .isLessThanOrEqualTo(1);
            List<List<String>> all = sentForms();
            assertThat(all.get(all.size() - 1)).containsExactlyInAnyOrder("image_id", "hints");
        }
    }

    @Test
    void aReferenceGoesWithEachPictureAndSuggestedPointsBecomeHintsWhenClicked() throws Exception {
        Assumptions.assumeTrue(Colorizer.hasBundled(), "this build carries no bundled model: reference test skipped");
        try (ColorizeServer bundled = ColorizeServer.start(ApiTest.config().build(), null)) {
            bundled.awaitReady();
            Path photo = dir.resolve("gray.png"); // 96x64, flat gray
            ImageFiles.writeImage(Pictures.flat(96, 64, 0x808080), photo, OutputFormat.PNG);
            Path red = dir.resolve("red.png");
            ImageFiles.writeImage(Pictures.flat(80, 60, 0xC02818), red, OutputFormat.PNG);
            Path colorless = dir.resolve("colorless.png");
            ImageFiles.writeImage(Pictures.flat(80, 60, 0x707070), colorless, OutputFormat.PNG);
            browser.get("http://127.0.0.1:" + bundled.port() + "/");
            until(b -> b.findElement(By.id("model")).getText().contains("unet-hints"));
            js(RECORD_FORMS);
            assertThat(browser.findElement(By.id("reference-panel")).isDisplayed()).isTrue();
            browser.findElement(By.id("file")).sendKeys(photo.toString());
            until(b -> js("return document.getElementById('colorized').naturalWidth").equals(96L) && idle(b));
            assertThat(a(meanRgb(48, 32))).as("a* with no reference").isLessThan(15);

            // a red reference: the picture is colorized again with it, red
            String shown = browser.findElement(By.id("colorized")).getDomProperty("src");
            browser.findElement(By.id("reference-file")).sendKeys(red.toString());
            until(b -> !b.findElement(By.id("colorized")).getDomProperty("src").equals(shown) && idle(b));
            assertThat(browser.findElement(By.id("reference-name")).getText()).isEqualTo("red.png");
            assertThat(last(sentForms())).containsExactlyInAnyOrder("image_id", "reference");
            assertThat(a(meanRgb(48, 32))).as("a* with a red reference").isGreaterThan(25);

            // a gray reference is refused in words naming it; removed, the requests go without one
            browser.findElement(By.id("reference-file")).sendKeys(colorless.toString());
            until(b -> b.findElement(By.id("error")).isDisplayed() && idle(b));
            assertThat(browser.findElement(By.id("error")).getText()).contains("field 'reference'")
                    .contains("has no color");
            browser.findElement(By.id("reference-clear")).click();
            until(b -> !b.findElement(By.id("error")).isDisplayed() && idle(b));
            assertThat(browser.findElement(By.id("reference-shown")).isDisplayed()).isFalse();
            assertThat(last(sentForms())).containsExactly("image_id");

            // five suggested points marked; one clicked becomes a hint there, in its color, and is sent
            browser.findElement(By.id("suggest")).click();
            until(b -> b.findElements(By.cssSelector("#suggestions .suggestion")).size() == 5);
            assertThat(last(sentForms())).as("the suggestions' request").containsExactly("image_id");
            WebElement ring = browser.findElement(By.cssSelector("#suggestions .suggestion"));
            String label = ring.getDomAttribute("aria-label"); // "suggested point 1 at (x, y): …"
            String where = label.substring(label.indexOf('('), label.indexOf(')') + 1);
            int forms = sentForms().size();
            ring.click();
            until(b -> b.findElements(By.cssSelector("#hint-list li")).size() == 1 && sentForms().size() > forms
                    && idle(b));
            assertThat(browser.findElements(By.cssSelector("#suggestions .suggestion"))).hasSize(4);
            assertThat(browser.findElement(By.id("hint-list")).getText()).contains("Hint 1 at " + where);
            assertThat(last(sentForms())).containsExactlyInAnyOrder("image_id", "hints");
            assertThat(js("return document.activeElement.getAttribute('aria-label')")).isEqualTo("color of hint 1");
        }
    }

    // CIE a* of a mean sRGB: above zero red, below green
    private static double a(int[] rgb) {
        float[] lab = new float[3];
        Lab.rgbToLab(rgb[0] << 16 | rgb[1] << 8 | rgb[2], lab, 0);
        return lab[1];
    }

    private static List<String> last(List<List<String>> forms) {
        return forms.get(forms.size() - 1);
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

    @Test
    void anUploadOverTheBodyLimitIsShownInWordsThoughTheServerClosesMidUpload() throws Exception {
        // 20 MiB against a 64 KiB limit: refused from its Content-Length while the browser is still sending
        Path big = dir.resolve("big.png");
        Files.write(big, new byte[20 << 20]);
        try (ColorizeServer small = ColorizeServer.start(ApiTest.config().optMaxBodyBytes(64 * 1024).build(),
                TrainedRuns.tiny("unet"))) {
            small.awaitReady();
            browser.get("http://127.0.0.1:" + small.port() + "/");
            until(b -> b.findElement(By.id("model")).getText().contains("unet"));
            browser.findElement(By.id("file")).sendKeys(big.toString());
            until(b -> b.findElement(By.id("error")).isDisplayed());
            assertThat(browser.findElement(By.id("error")).getText()).contains("could not be colorized")
                    .contains("larger than 65536 bytes (64 KiB)");
        }
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

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    // no change waiting or on its way (the page's aria-busy on the result)
    private static boolean idle(WebDriver b) {
        return "false".equals(b.findElement(By.id("result")).getDomAttribute("aria-busy"));
    }

    // a click on the colorized picture of w x h pixels, shown at whatever size, over its pixel (x, y)
    private static void clickOnPicture(double x, double y, int w, int h) {
        WebElement picture = browser.findElement(By.id("colorized"));
        js("arguments[0].scrollIntoView({block: 'center'})", picture);
        Rectangle box = picture.getRect(); // CSS pixels; the offsets below are from its centre
        new Actions(browser).moveToElement(picture, (int) Math.round(x / w * box.width - box.width / 2.0),
                (int) Math.round(y / h * box.height - box.height / 2.0)).click().perform();
    }

    private static int[] meanRgb(int x, int y) {
        List<?> rgb = (List<?>) js(MEAN_RGB, x, y, 3);
        return rgb.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    // distance in the a/b plane between the chroma of a mean sRGB and that of an sRGB color
    private static double abDistance(int[] rgb, int color) {
        float[] p = new float[3];
        float[] q = new float[3];
        Lab.rgbToLab(rgb[0] << 16 | rgb[1] << 8 | rgb[2], p, 0);
        Lab.rgbToLab(color, q, 0);
        return Math.hypot(p[1] - q[1], p[2] - q[2]);
    }

    // x, y of the first hint as its row in the list says: "Hint 1 at (x, y) px"
    private static double[] hintPosition() {
        String row = browser.findElement(By.cssSelector("#hint-list li .where")).getText();
        String[] xy = row.substring(row.indexOf('(') + 1, row.indexOf(')')).split(", ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> sentForms() {
        return (List<List<String>>) js("return window.sentForms");
    }

    // which picture a click at the middle of the comparison would hit (clip-path cuts hit-testing too)
    private static String topElementAtCompareCenter() {
        return (String) js("const r = document.getElementById('compare').getBoundingClientRect();"
                + "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).id;");
    }
}
