package dev.ebpfmon.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium and chromedriver, started without Selenium Manager (no downloads): the test
 * machine has no network beyond the package mirrors. `apt-get install chromium chromium-driver`.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    // The real binary, not Debian's /usr/bin/chromium wrapper script, so chromedriver owns the process.
    private static final Path BROWSER = Files.isExecutable(Path.of("/usr/lib/chromium/chromium"))
            ? Path.of("/usr/lib/chromium/chromium") : Path.of("/usr/bin/chromium");

    private final Path profile;
    private final ChromeDriver driver;

    public HeadlessChromium() throws IOException {
        if (!Files.isExecutable(DRIVER) || !Files.isExecutable(BROWSER)) {
            throw new IllegalStateException("need " + DRIVER + " and " + BROWSER
                    + ": apt-get install -y chromium chromium-driver (make setup does it)");
        }
        profile = Files.createTempDirectory("ebpfmon-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
            viewport(1280, 800);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
    }

    /** Sizes the page area (not the window, whose frame headless Chromium still counts) to width x height. */
    public void viewport(int width, int height) {
        Object frame = driver.executeScript("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        List<?> extra = (List<?>) frame;
        driver.manage().window().setSize(new Dimension(width + ((Number) extra.get(0)).intValue(),
                height + ((Number) extra.get(1)).intValue()));
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
