package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, one browser for a test class. The
 * browser is a requirement of the build, not an option: without it the tests fail and say what to
 * install (nothing is downloaded by the tests).
 */
final class ConsoleBrowser implements AutoCloseable {

  /** How long one axe-core audit of a whole page may take on a busy machine. */
  private static final Duration AXE_RUN_LIMIT = Duration.ofSeconds(180);

  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
  static final Dimension LAPTOP = new Dimension(1366, 900);
  static final Dimension TABLET = new Dimension(820, 1180);
  /** axe-core, from the console's own devDependencies (its build runs npm ci); nothing is downloaded by the tests. */
  static final Path AXE = Path.of("..", "console", "node_modules", "axe-core", "axe.min.js");

  final ChromeDriver driver;
  private final Path profile;

  private ConsoleBrowser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static ConsoleBrowser start() {
    Path chromium = executable("IOP_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = executable("IOP_CHROMEDRIVER", "/usr/bin/chromedriver");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.createDirectories(DOWNLOADS);
      // A file left by an earlier run would make the browser save the new one under another name.
      try (var old = Files.list(DOWNLOADS)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      Path profile = Files.createTempDirectory("iop-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium.toFile());
      // Without the background-networking flags Chromium keeps calling out, and this machine's
      // closed network refuses it; a fresh profile keeps every run alike.
      options.addArguments(
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=en-GB",
          "--window-size=" + LAPTOP.width + "," + LAPTOP.height, "--user-data-dir=" + profile);
      // Commands return once the document is parsed, not after every subresource: a click that
      // starts a cross-site redirect chain (sign-out through Keycloak) must not block the driver.
      options.setPageLoadStrategy(PageLoadStrategy.EAGER);
      options.setExperimentalOption(
          "prefs", Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false, "intl.accept_languages", "en-GB,en"));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(chromedriver.toFile())
              .withLogFile(Path.of("target", "e2e-logs", "chromedriver.log").toFile())
              .build();
      Files.createDirectories(Path.of("target", "e2e-logs"));
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(LAPTOP);
      // The renderer gets 90 s: on two busy cores a console page with every form unfolded has taken
      // longer than 30 s to answer, and chromedriver then gives up on the session for every later step.
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90)).scriptTimeout(Duration.ofSeconds(30));
      return new ConsoleBrowser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path executable(String variable, String debianPath) {
    Path path = Path.of(Optional.ofNullable(System.getenv(variable)).orElse(debianPath));
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          "The console's browser tests need Debian's Chromium and its driver: " + path + " is missing. Install them with"
              + " `apt-get install -y chromium chromium-driver` (.ci/run does), or point " + variable + " at the executable.");
    }
    return path;
  }

  <T> T await(Duration limit, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, limit, Duration.ofMillis(200)).until(condition);
  }

  <T> T await(Function<WebDriver, T> condition) {
    return await(Duration.ofSeconds(30), condition);
  }

  /**
   * Waits until the browser's address starts with this prefix. A sign-in or sign-out is a redirect
   * chain across two sites; when chromedriver is asked for the address while a hop of it is still
   * loading on two busy cores, it answers "timed out receiving message from renderer" after the
   * page-load limit: that is a navigation still under way, so the wait asks again instead of failing.
   */
  void awaitAddress(String prefix, Duration limit) {
    new WebDriverWait(driver, limit, Duration.ofMillis(200))
        .ignoring(TimeoutException.class)
        .withMessage(() -> "the browser never reached " + prefix + "; it is at " + addressOrUnknown())
        .until(d -> d.getCurrentUrl().startsWith(prefix));
  }

  private String addressOrUnknown() {
    try {
      return driver.getCurrentUrl();
    } catch (TimeoutException stillLoading) {
      return "a page that is still loading";
    }
  }

  WebElement find(By by) {
    return await(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    });
  }

  /** Clicks without waiting for the navigation the click starts (the caller waits for where it leads). */
  void clickAndLeave(WebElement element) {
    driver.executeScript("const target = arguments[0]; setTimeout(() => target.click(), 0);", element);
  }

  /**
   * axe-core's audit of the page as it is now: every violation, one line per element ("impact
   * rule: help at selector: what to fix"), serious and critical first; none when the page passes.
   * axe skips what is hidden, so the caller unfolds what it wants audited first.
   */
  List<String> accessibilityViolations() {
    if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
      driver.executeScript(axeSource());
    }
    // axe-core audits a whole page, forms unfolded: on two busy cores that can take longer than the
    // 30 s a script gets elsewhere, and a script cut off leaves the renderer busy for every later step.
    driver.manage().timeouts().scriptTimeout(AXE_RUN_LIMIT);
    Object found;
    try {
      found =
          driver.executeAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const rank = {critical: 0, serious: 1, moderate: 2, minor: 3};
            axe.run(document, {resultTypes: ['violations']}).then(
              results => done(results.violations
                .sort((a, b) => rank[a.impact] - rank[b.impact])
                .flatMap(v => v.nodes.map(n => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')))),
              error => done(['critical axe-core could not audit the page: ' + error]));
            """);
    } finally {
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }
    return ((List<?>) found).stream().map(String::valueOf).toList();
  }

  static boolean seriousOrCritical(String violation) {
    return violation.startsWith("serious ") || violation.startsWith("critical ");
  }

  private static String axeSource() {
    try {
      return Files.readString(AXE);
    } catch (IOException e) {
      throw new IllegalStateException("axe-core is missing at " + AXE.toAbsolutePath() + ": run `npm ci` in console/ (the console's build does)", e);
    }
  }

  /** A screenshot of the whole page as it is now, for the build's records and docs/console.md. */
  void screenshot(String name) {
    driver.executeScript("window.scrollTo(0, 0)");
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A screenshot of the page at the laptop's width and this height (a page longer than the screen), then back to the laptop. */
  void screenshot(String name, int height) {
    driver.manage().window().setSize(new Dimension(LAPTOP.width, height));
    try {
      screenshot(name);
    } finally {
      driver.manage().window().setSize(LAPTOP);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
