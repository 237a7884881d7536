package dev.ebpfmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.dashboard.FakeAgent.Dim;
import dev.ebpfmon.dashboard.FakeAgent.FakeChart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in headless Chromium against FakeAgent: the shared checks plus what only a fake can stage. */
class DashboardBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static HeadlessChromium chromium;
    private FakeAgent agent;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startAgent() throws Exception {
        agent = new FakeAgent(0);
    }

    @AfterEach
    void stopAgent() {
        // leave the page first: a page still polling a closed agent logs refused connections,
        // which the next test would read as its own console errors
        chromium.driver().get("about:blank");
        agent.close();
        chromium.driver().manage().logs().get("browser"); // drop this test's console messages
    }

    private WebDriver open() {
        WebDriver d = chromium.driver();
        d.get(agent.base().toString());
        wait(d).until(x -> !DashboardChecks.latestValues(x).isEmpty());
        return d;
    }

    /** The page re-renders rows on every poll: an element found in a wait may go stale before it is read. */
    private static WebDriverWait wait(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void dashboardWorksForAUser() throws Exception {
        DashboardChecks.run(chromium.driver(), agent.base(), SCREENSHOTS);
        assertThat(SCREENSHOTS.resolve("dashboard.png")).isNotEmptyFile();
        assertThat(agent.moduleState("fd")).as("the refused toggle changed nothing").isEqualTo("running");
    }

    @Test
    void menuGroupsChartsLikeNetdatasEbpfSection() {
        WebDriver d = open();
        List<String> titles = wait(d).until(x -> x.findElements(By.cssSelector("#menu .menu-item")).stream()
                .map(e -> e.getText().replaceAll("\\s*\\d+$", "").strip()).toList());
        assertThat(titles).containsExactly("File access", "VFS", "Processes", "Apps", "ebpfmon", "Modules",
                "Connections");
        DashboardChecks.click(d, DashboardChecks.menuItemAt("m:vfs"));
        wait(d).until(x -> DashboardChecks.visibleCharts(x)
                .equals(List.of("filesystem.vfs_io", "filesystem.vfs_io_bytes")));
        WebElement card = d.findElement(By.cssSelector(".card[data-chart='filesystem.vfs_io']"));
        assertThat(card.findElement(By.cssSelector(".card-title")).getText()).isEqualTo("Calls to IO");
        assertThat(card.findElement(By.cssSelector(".context")).getText()).isEqualTo("filesystem.vfs_io");
        assertThat(card.findElement(By.cssSelector(".units")).getText()).isEqualTo("calls/s");
        wait(d).until(x -> x.findElement(By.cssSelector(
                ".card[data-chart='filesystem.vfs_io'] .legend-item[data-dimension='write'] .value"))
                .getAttribute("data-value") != null);
        String write = card.findElement(By.cssSelector(".legend-item[data-dimension='write'] .value"))
                .getAttribute("data-value");
        assertThat(Double.parseDouble(write)).as("write is drawn below zero, as in Netdata").isNegative();
    }

    /** The Connections view's cells, read in one go: the view redraws its rows on every poll. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> connectionRows(WebDriver d) {
        return (List<List<String>>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#connection-rows tr')].map(tr => [...tr.cells].map(c => c.textContent))");
    }

    @Test
    void theConnectionsViewShowsTheLiveTableBusiestFirst() {
        WebDriver d = open();
        DashboardChecks.click(d, DashboardChecks.menuItemAt("connections"));
        wait(d).until(x -> connectionRows(x).size() == 2);
        assertThat(d.findElement(By.id("section-title")).getText()).isEqualTo("Connections");
        assertThat(d.findElement(By.id("charts")).isDisplayed()).as("the charts make room").isFalse();
        // the table re-renders on each poll: every read is retried past a stale element
        List<List<String>> busiestFirst = List.of(
                List.of("5,151", "psql", "24.4 KiB/s", "7 B"), List.of("4,242", "curl", "10 B/s", "100 B"));
        wait(d).withMessage("sorted by the first rate, busiest first")
                .until(x -> connectionRows(x).equals(busiestFirst));
        wait(d).withMessage("the sort column says so").until(x -> "Sent/s ▾".equals(
                x.findElement(By.cssSelector("#connection-head th[aria-sort='descending']")).getDomProperty("textContent")));
        wait(d).withMessage("the notes").until(x -> "3 destinations are counted in other".equals(
                x.findElement(By.cssSelector("#connection-notes li")).getText()));
        DashboardChecks.click(d, By.xpath("//thead[@id='connection-head']//button[starts-with(., 'Process')]"));
        wait(d).until(x -> connectionRows(x).stream().map(r -> r.get(1)).toList().equals(List.of("curl", "psql")));
        assertThat(DashboardChecks.severeConsoleMessages(d)).as("browser console errors").isEmpty();
    }

    @Test
    void newChartsAppearWithoutReload() {
        WebDriver d = open();
        DashboardChecks.click(d, DashboardChecks.menuItemAt("m:vfs"));
        agent.add(new FakeChart("filesystem.vfs_fsync", "Calls to vfs_fsync", "calls/s", "vfs", "vfs", 2076,
                "line", List.of(new Dim("fsync", "fsync", 3))));
        wait(d).until(x -> DashboardChecks.visibleCharts(x).contains("filesystem.vfs_fsync"));
        wait(d).until(x -> DashboardChecks.latestValues(x).containsKey("filesystem.vfs_fsync/fsync"));
    }

    @Test
    void rangeButtonsAndDragSelectPauseAndResume() {
        WebDriver d = open();
        WebElement oneMinute = d.findElement(By.cssSelector(".range button[data-range='60']"));
        oneMinute.click();
        assertThat(oneMinute.getAttribute("aria-pressed")).isEqualTo("true");
        WebElement plot = d.findElement(By.cssSelector(".card .u-over"));
        new org.openqa.selenium.interactions.Actions(d).moveToElement(plot, -100, 0).clickAndHold()
                .moveByOffset(120, 0).release().perform();
        WebElement live = d.findElement(By.id("live"));
        wait(d).until(x -> "false".equals(live.getAttribute("aria-pressed")));
        assertThat(live.getText()).contains("Paused");
        assertThat(oneMinute.getAttribute("aria-pressed")).isEqualTo("false");
        live.click();
        wait(d).until(x -> "true".equals(live.getAttribute("aria-pressed")));
        assertThat(oneMinute.getAttribute("aria-pressed")).isEqualTo("true");
    }

    @Test
    void aValidTokenSwitchesAModuleOff() {
        WebDriver d = open();
        DashboardChecks.click(d, DashboardChecks.menuItemAt("modules"));
        wait(d).until(x -> !x.findElements(By.cssSelector("#module-rows tr[data-module='fd']")).isEmpty());
        WebElement token = d.findElement(By.id("token"));
        token.clear();
        token.sendKeys(FakeAgent.TOKEN);
        DashboardChecks.click(d, By.cssSelector("#module-rows tr[data-module='fd'] label.switch"));
        wait(d).until(x -> "disabled".equals(x.findElement(By.cssSelector("#module-rows tr[data-module='fd']"))
                .getAttribute("data-state")));
        assertThat(agent.moduleState("fd")).isEqualTo("disabled");
        assertThat(d.findElement(By.id("modules-error")).isDisplayed()).isFalse();
    }

    @Test
    void survivesTheAgentRestarting() throws Exception {
        WebDriver d = open();
        int port = agent.port();
        agent.close();
        WebElement banner = d.findElement(By.id("banner"));
        wait(d).until(x -> banner.isDisplayed() && banner.getText().contains("Disconnected"));
        agent = new FakeAgent(port);
        new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> !banner.isDisplayed());
        wait(d).until(x -> !DashboardChecks.latestValues(x).isEmpty());
        DashboardChecks.screenshot(d, java.nio.file.Files.createDirectories(SCREENSHOTS).resolve("reconnected.png"));
    }
}
