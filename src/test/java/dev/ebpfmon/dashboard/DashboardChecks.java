package dev.ebpfmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a user of the dashboard relies on, checked in a real browser against any server that speaks
 * the agent's API: the fake one in DashboardBrowserIT, or the packaged agent.
 * Needs the browser's console log enabled (HeadlessChromium does) and no API token set.
 */
public final class DashboardChecks {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Set<String> STATES = Set.of("running", "unavailable", "disabled");

    private DashboardChecks() {}

    /** Runs every check on the dashboard at base; screenshots go to screenshotDir. */
    public static void run(WebDriver driver, URI base, Path screenshotDir) throws IOException {
        Files.createDirectories(screenshotDir);
        driver.get(base.toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // rows re-render on each poll

        wait.withMessage("chart sections in the menu").until(d -> chartSections(d).size() >= 1);
        wait.withMessage("a chart with a canvas and numeric legend values").until(d -> latestValues(d).size() > 0);
        Map<String, String> before = latestValues(driver);
        new WebDriverWait(driver, Duration.ofSeconds(8)).withMessage("legend values changing within a few seconds; were " + before)
                .until(d -> changed(before, latestValues(d)));
        screenshot(driver, screenshotDir.resolve("dashboard.png"));

        List<List<String>> seen = new ArrayList<>();
        for (String key : chartSections(driver)) {
            String title = wait.until(d -> menuItem(d, key).getText()).replaceAll("\\s*\\d+$", "").strip();
            click(driver, menuItemAt(key));
            wait.withMessage("section " + key + " selected").until(d ->
                    d.findElement(By.id("section-title")).getText().equals(title)
                            && !d.findElements(By.cssSelector("#charts .card canvas")).isEmpty());
            wait.withMessage("legend values in section " + key).until(d -> latestValues(d).size() > 0);
            seen.add(visibleCharts(driver));
            screenshot(driver, screenshotDir.resolve("section-" + key.replaceAll("[^A-Za-z0-9_-]", "_") + ".png"));
        }
        if (seen.size() > 1) {
            assertThat(Set.copyOf(seen)).as("each menu section shows its own charts").hasSize(seen.size());
        }
        assertThat(severeConsoleMessages(driver)).as("browser console errors").isEmpty();

        checkModules(driver, wait, screenshotDir);
        assertThat(severeConsoleMessages(driver)).as("browser console errors besides the refused toggle")
                .allMatch(m -> m.contains("401"));
    }

    private static void checkModules(WebDriver driver, WebDriverWait wait, Path screenshotDir) throws IOException {
        click(driver, menuItemAt("modules"));
        wait.withMessage("module rows").until(d -> !moduleRows(d).isEmpty());
        for (Map<String, String> row : moduleRows(driver)) {
            assertThat(row.get("state")).as("state of " + row).isIn(STATES);
            assertThat(row.get("badge")).as("badge of " + row).isEqualTo(row.get("state"));
            assertThat(row.get("how")).as("how or why not, " + row).isNotBlank().isNotEqualTo("–");
        }
        screenshot(driver, screenshotDir.resolve("modules.png"));

        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.findElement(By.id("token")).clear();
        Map<String, String> first = moduleRows(driver).getFirst();
        String module = first.get("module");
        boolean was = Boolean.parseBoolean(first.get("on"));
        click(driver, By.cssSelector("#module-rows tr[data-module='" + module + "'] label.switch"));
        wait.withMessage("401 message after toggling " + module + " without a token").until(d -> {
            WebElement error = d.findElement(By.id("modules-error"));
            return error.isDisplayed() && error.getText().contains("401");
        });
        assertThat(moduleRows(driver).stream().filter(r -> module.equals(r.get("module"))).findFirst().orElseThrow()
                .get("on")).as("a refused toggle springs back").isEqualTo(Boolean.toString(was));
        screenshot(driver, screenshotDir.resolve("modules-401.png"));
    }

    /** The Modules table read in one go: the page may redraw it between two WebDriver calls. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> moduleRows(WebDriver driver) {
        Object raw = ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('#module-rows tr')].map(tr => ({
                  module: tr.dataset.module, state: tr.dataset.state,
                  badge: tr.querySelector('.badge').textContent, how: tr.querySelector('td.how').textContent,
                  on: String(tr.querySelector('input[role=switch]').checked) }));""");
        return raw == null ? List.of() : (List<Map<String, String>>) raw;
    }

    /** Menu keys of chart sections, in menu order (the Modules and Connections panels excluded). */
    static List<String> chartSections(WebDriver driver) {
        return driver.findElements(By.cssSelector("#menu .menu-item")).stream()
                .map(e -> e.getAttribute("data-section")).filter(k -> !k.equals("modules") && !k.equals("connections"))
                .toList();
    }

    static WebElement menuItem(WebDriver driver, String key) {
        return driver.findElement(menuItemAt(key));
    }

    static By menuItemAt(String key) {
        return By.cssSelector("#menu .menu-item[data-section='" + key + "']");
    }

    /**
     * Finds and clicks in one retried step. The page redraws its menu, tables and their headers on
     * every poll, so an element found a moment before may be gone by the time it is clicked; a stale
     * element is refused before the click is sent, so a retry never clicks twice.
     */
    static void click(WebDriver driver, By at) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage("clicking " + at).until(d -> {
                    d.findElement(at).click();
                    return true;
                });
    }

    static List<String> visibleCharts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#charts .card")).stream()
                .map(e -> e.getAttribute("data-chart")).toList();
    }

    /** chart/dimension -> latest value, for every drawn chart whose legend holds a number. */
    @SuppressWarnings("unchecked")
    static Map<String, String> latestValues(WebDriver driver) {
        Object raw = ((JavascriptExecutor) driver).executeScript("""
                const out = {};
                for (const card of document.querySelectorAll('#charts .card')) {
                  if (!card.querySelector('canvas')) continue;
                  for (const item of card.querySelectorAll('.legend-item')) {
                    const v = item.querySelector('.value');
                    if (v && v.dataset.value !== undefined && !Number.isNaN(Number(v.dataset.value)))
                      out[card.dataset.chart + '/' + item.dataset.dimension] = v.dataset.value;
                  }
                }
                return out;""");
        return raw == null ? Map.of() : new LinkedHashMap<>((Map<String, String>) raw);
    }

    private static boolean changed(Map<String, String> before, Map<String, String> now) {
        return before.entrySet().stream().anyMatch(e -> now.containsKey(e.getKey())
                && !now.get(e.getKey()).equals(e.getValue()));
    }

    static List<String> severeConsoleMessages(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    static void screenshot(WebDriver driver, Path file) throws IOException {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(shot);
    }
}
