package dev.wxacode.server.internal.console;

import dev.wxacode.server.Executables;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: both are named explicitly, so
 * Selenium never looks for (or downloads) a browser or a driver of its own.
 */
final class Browser implements AutoCloseable {
    private static final String INSTALL = "sudo apt-get install chromium chromium-driver (Debian, Ubuntu)";
    /** The machine is shared with other builds: generous, and only ever waited out when a test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int SHOT_MAX_HEIGHT = 1200;

    final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /**
     * @param profile a fresh, empty directory for the browser's profile
     * @throws IllegalStateException naming the Debian packages when chromium or chromedriver is missing
     */
    static Browser start(Path profile) {
        String chromium = Executables.find("chromium", INSTALL);
        String chromedriver = Executables.find("chromedriver", INSTALL);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // Without the background-networking flags Chromium reaches for Google's services, whose
        // connections this closed network refuses; the tests talk to loopback only.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1100,860");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Waits until the element's text contains {@code text}; returns its whole text. */
    String textContaining(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
        return driver.findElement(By.id(id)).getText();
    }

    void type(String id, String text) {
        WebElement field = visible(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String cssSelector) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(cssSelector))).click();
    }

    void page(String name) {
        click("#nav a[href='#" + name + "']");
        visible("page-" + name);
    }

    /** Lays the page out as a phone of this width would (CSS pixels), or as the desktop window again with 0. */
    void phoneWidth(int width) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /**
     * The page from its top, as tall as its content (at most {@value #SHOT_MAX_HEIGHT} px), as PNG
     * into {@code target/console-screenshots}: docs/console.md shows them.
     */
    void screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) driver.executeScript(
                "return {width: window.innerWidth, height: document.documentElement.scrollHeight};");
        int height = Math.min(SHOT_MAX_HEIGHT, ((Number) size.get("height")).intValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", height,
                        "scale", 1)));
        try {
            Path dir = Path.of("target", "console-screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
