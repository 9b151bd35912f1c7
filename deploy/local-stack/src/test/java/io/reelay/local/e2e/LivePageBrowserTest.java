package io.reelay.local.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state service's live page in real headless Chromium: a job submitted over HTTP shows up, its output's
 * progress reaches 100 % / READY over the event stream, and the player plays the published HLS output; the page
 * asks for an API key and shows the jobs of that key's tenant only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class LivePageBrowserTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);
    private static final Path SCREENSHOT = Path.of("target", "live-page.png");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private PipelineHarness stack;
    private WebDriver browser;
    private Path clip;

    @BeforeAll
    void start(PipelineHarness stack) throws Exception {
        this.stack = stack;
        clip = stack.workDir.resolve("live-page-clip.mp4");
        MediaProbe.generateClip(clip, 320, 240, 4);
        browser = startChromium(stack.workDir.resolve("chromium-profile"));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriver startChromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void followsAJobToReadyAndPlaysItsOutput() throws Exception {
        String sourceKey = "uploads/live-page/clip.mp4";
        stack.s3.putObject(put -> put.bucket(PipelineHarness.SOURCES).key(sourceKey), clip);
        Map<String, Object> job = Map.of("referenceId", "live-page-demo",
                "source", Map.of("bucket", PipelineHarness.SOURCES, "key", sourceKey),
                "outputs", List.of(Map.of("outputId", "hls", "format", "HLS_FMP4", "qualities", List.of("240p", "144p"),
                        "segmentSeconds", 2, "destination", Map.of("bucket", PipelineHarness.OUTPUTS,
                                "prefix", "e2e/live-page"))));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = stack.json.readTree(accepted.body()).get("jobId").asText();

        // the key in the fragment, as the local stack prints it: the page keeps it and sends it as a header
        browser.get(stack.url("state-service", "/#key=" + PipelineHarness.KEY_A));
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(page -> page.findElement(By.cssSelector("li.job-row[data-job-id='" + jobId + "'] a")));
        assertThat(row.getText()).contains("live-page-demo");
        assertThat(browser.getCurrentUrl()).as("the key leaves the address bar").doesNotContain(PipelineHarness.KEY_A);
        row.click();

        WebElement output = new WebDriverWait(browser, JOB_DEADLINE).until(page -> page.findElement(
                By.cssSelector("article.job[data-job-id='" + jobId + "'] section.output[data-status='READY']")));
        assertThat(output.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow"))
                .isEqualTo("100");
        assertThat(output.findElement(By.cssSelector(".progress-label")).getText()).isEqualTo("Ready 100 %");
        assertThat(browser.findElement(By.cssSelector("article.job")).getAttribute("data-status"))
                .isEqualTo("COMPLETE");
        assertThat(browser.findElement(By.cssSelector("section.source")).getText()).contains("h264");

        output.findElement(By.cssSelector("button.play")).click();
        JavascriptExecutor script = (JavascriptExecutor) browser;
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> ((Number) script.executeScript(
                "return document.getElementById('video').currentTime;")).doubleValue() > 0.5);
        double first = ((Number) script.executeScript("return document.getElementById('video').currentTime;"))
                .doubleValue();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(page -> ((Number) script.executeScript(
                "return document.getElementById('video').currentTime;")).doubleValue() > first);
        assertThat((Boolean) script.executeScript("return document.getElementById('video').muted;")).isTrue();

        saveScreenshot();
    }

    @Test
    void asksForAKeyAndShowsTheJobsOfThatKeysTenantOnly() throws Exception {
        String jobOfA = submitJobWithoutSource(PipelineHarness.KEY_A, "live-page-tenant-a");
        String jobOfB = submitJobWithoutSource(PipelineHarness.KEY_B, "live-page-tenant-b");
        browser.get(stack.url("state-service", "/"));
        ((JavascriptExecutor) browser).executeScript("localStorage.clear();");
        browser.navigate().refresh();

        enterKey("not-a-key");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.findElement(By.id("key-form"))
                .isDisplayed() && page.findElement(By.id("key-note")).getText().contains("refused"));
        enterKey(PipelineHarness.KEY_B);

        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(page -> page.findElement(By.cssSelector("li.job-row[data-job-id='" + jobOfB + "']")));
        assertThat(browser.findElements(By.cssSelector("li.job-row[data-job-id='" + jobOfA + "']"))).isEmpty();
        assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return localStorage.getItem('reelay.apiKey');"))
                .isEqualTo(PipelineHarness.KEY_B);
    }

    private void enterKey(String key) {
        WebElement input = browser.findElement(By.id("key-input"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> input.isDisplayed());
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    /** A job whose source does not exist: it shows up at once and fails without encoding anything. */
    private String submitJobWithoutSource(String apiKey, String referenceId) throws Exception {
        Map<String, Object> job = Map.of("referenceId", referenceId,
                "source", Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/live-page/none.mp4"),
                "outputs", List.of(Map.of("format", "HLS_FMP4", "destination", Map.of("bucket", PipelineHarness.OUTPUTS,
                        "prefix", "e2e/" + referenceId))));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job, apiKey);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.json.readTree(accepted.body()).get("jobId").asText();
    }

    private void saveScreenshot() throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }
}
