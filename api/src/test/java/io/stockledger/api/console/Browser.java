package io.stockledger.api.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Headless Chromium driven over chromedriver, both from the Debian packages ({@code chromium}, {@code chromium-driver};
 * CI installs them, see {@code .ci/run}). Paths are given explicitly, so Selenium Manager never tries to download a
 * browser or a driver. Waits are generous: the machines that run the suite are slow and shared.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String baseUrl;

    private final Path downloads;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            downloads = Files.createTempDirectory("console-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path chromium = firstExisting("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = firstExisting("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    private static Path firstExisting(String override, String... candidates) {
        String configured = System.getenv(override);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("no " + String.join(" or ", candidates) + ": install Debian's chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver), or set " + override);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    WebElement visible(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until the element's text is what {@code expected} says, and returns it. */
    String textOf(String css, String expected) {
        until(driver -> expected.equals(read(css, element -> element.getText().trim())));
        return expected;
    }

    /**
     * The element's text once it is there. The pages redraw parts of themselves (a SKU's page every few seconds), so
     * an element found a moment ago may be gone: read it afresh until the read succeeds.
     */
    String text(String css) {
        return until(driver -> read(css, element -> element.getText().trim()));
    }

    String attribute(String css, String name) {
        return until(driver -> read(css, element -> element.getAttribute(name)));
    }

    private <T> T read(String css, Function<WebElement, T> reader) {
        try {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : reader.apply(found.getFirst());
        } catch (StaleElementReferenceException redrawn) {
            return null;
        }
    }

    <T> T until(Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void confirmDialog() {
        visible("dialog[open] #confirm-yes").click();
        until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A PNG of the page as it is, into the screenshot directory (docs/console/ when asked, else target/). */
    void screenshot(String name) {
        Path directory = Path.of(System.getProperty("console.screenshots.dir", "target/console-screenshots"));
        try {
            Files.createDirectories(directory);
            // the whole page, not just the window: grow the window to the page's height for the picture
            Dimension window = driver.manage().window().getSize();
            long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(window);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the browser saves downloads (a fresh directory per browser). */
    Path downloads() {
        return downloads;
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
