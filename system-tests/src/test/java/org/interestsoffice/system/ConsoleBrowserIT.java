package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.interestsoffice.testing.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in a real browser (Debian's headless Chromium) against the real gateway,
 * services and Keycloak: the 2019 case as the Washington office head lives it, then what a Caracas
 * officer may see, then the console in Spanish, the accessibility audit and a dead letter
 * re-driven by the ministry administrator, then the head's keyboard, deadline, departure-group,
 * agreement and cessation flows, and last the 2019 case replayed from the console alone on its
 * case clock. One browser goes through the steps in order; each step leaves a screenshot in
 * target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String WASHINGTON_EMBASSY = "Embassy of Venezuela in Washington " + RUN;
  private static final String CARACAS_EMBASSY = "Embassy of the United States in Caracas " + RUN;
  private static final String MIAMI_CONSULATE = "Consulate General of Venezuela in Miami " + RUN;
  private static final String INTERESTS_SECTION = "Interests Section of Venezuela in Washington " + RUN;
  private static final String EXERCISE = "Exercise: Embassy of Venezuela in Washington, 2019 " + RUN;
  private static final String REPLAY = "Embassy of Venezuela in Washington (exercise 2019) " + RUN;
  private static final Duration FAN_OUT = Duration.ofSeconds(90);
  /**
   * A countdown of 72 hours from a note received this minute (the form's default), read on the
   * browser's clock. A run on this machine once read "3 d 00:00:01 left" just after the rupture,
   * which only a clock stepped back a few seconds in between can give: that second is allowed.
   */
  private static final String ABOUT_72_HOURS_LEFT = "(2 d 23:\\d\\d:\\d\\d|3 d 00:00:0\\d) left";
  /**
   * A sign-in or sign-out: Keycloak's password hash and a redirect chain across two sites. On two
   * busy cores one hop has outlasted the renderer's 90 s once; the address is asked again until this.
   */
  private static final Duration SIGN_IN_LIMIT = Duration.ofSeconds(150);

  private static RunningSystem system;
  private static ConsoleBrowser browser;
  private static String washington;
  private static String caracas;
  private static String miami;
  private static String ottawa;
  private static final List<String> washingtonStaff = new ArrayList<>();
  private static final Map<String, String> miamiStaff = new LinkedHashMap<>();

  @BeforeAll
  static void aWashingtonMissionWithItsStaffAndACaracasMission() {
    system = RunningSystem.get();
    GatewayClient washingtonHead = system.as("was.head");
    washington = created(washingtonHead.post("/api/missions", mission("WAS", WASHINGTON_EMBASSY, "VE", "US", "Washington", "America/New_York"), "console-setup"));
    caracas = created(system.as("ccs.head").post("/api/missions", mission("CCS", CARACAS_EMBASSY, "US", "VE", "Caracas", "America/Caracas"), "console-setup"));
    GatewayClient officer = system.as("was.officer");
    for (String name : List.of("Carlos Embajador", "Lucía Consejera", "Pedro Secretario")) {
      washingtonStaff.add(registerOnceMissionIsKnown(officer, washington, staff(name + " " + RUN, "DIPLOMATIC_AGENT", "VE")));
    }
    // A local hire: never ordered out, never alerted, never offered as remaining staff.
    registerOnceMissionIsKnown(officer, washington, staff("Mary Local " + RUN, "LOCAL_HIRE", "US"));
    // A consulate still operating, for the shapes of a rupture short of a break: a reduction and a persona non grata.
    Map<String, Object> consulate = new LinkedHashMap<>(mission("WAS", MIAMI_CONSULATE, "VE", "US", "Miami", "America/New_York"));
    consulate.put("kind", "CONSULATE");
    miami = created(washingtonHead.post("/api/missions", consulate, "console-setup"));
    for (String name : List.of("Ana Cónsul " + RUN, "Jorge Vicecónsul " + RUN)) {
      miamiStaff.put(name, registerOnceMissionIsKnown(officer, miami, staff(name, "DIPLOMATIC_AGENT", "VE")));
    }
    browser = ConsoleBrowser.start();
  }

  /** What the browser showed when a step failed, beside the step's own screenshots. */
  @RegisterExtension
  final TestWatcher screenshotOnFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
      }
    }
  };

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void theWashingtonHeadSignsInOnKeycloaksLoginPage() {
    browser.driver.get(system.gateway.baseUrl() + "/console/");

    signInOnKeycloak("was.head", "01-sign-in-keycloak");

    assertThat(browser.find(By.cssSelector("[data-testid=user-name]")).getText()).isEqualTo("Wilfredo Jefe");
    assertThat(text("[data-testid=user-offices]")).isEqualTo("WAS");
    assertThat(text("[data-testid=user-role]")).isEqualTo("Office head");
    WebElement card = missionCard(washington);
    assertThat(card.getText()).contains(WASHINGTON_EMBASSY, "Operating");
    assertThat(browser.driver.getPageSource()).doesNotContain(CARACAS_EMBASSY);
    // No token in the browser: not in a cookie the page can read, not in its storage.
    assertThat(browser.driver.manage().getCookies()).allSatisfy(cookie -> assertThat(cookie.getValue()).doesNotContain("eyJ"));
    Object storage = browser.driver.executeScript("return JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage)");
    assertThat(String.valueOf(storage)).doesNotContain("eyJ");
    browser.screenshot("02-dashboard");
  }

  @Test
  @Order(2)
  void declaringTheRuptureStartsTheCountdownAndTheAlertsGoOut() {
    missionCard(washington).findElement(By.linkText(WASHINGTON_EMBASSY)).click();
    browser.find(By.cssSelector("[data-testid=mission-page][data-mission='" + washington + "']"));
    List<String> seen = new ArrayList<>(List.of(progressShown()));
    assertThat(seen.get(0)).as("no alerts before the rupture").isEqualTo("0/0");
    browser.driver.executeScript("window.iopSamePage = true");

    openAction("rupture");
    // The form checks before sending: without a note reference nothing reaches the service.
    click("[data-action=rupture] button[type=submit]");
    assertThat(browser.find(By.cssSelector("[data-action=rupture] .field.invalid .error")).getText()).isEqualTo("Required.");
    assertThat(text(".page-header .badge")).isEqualTo("Operating");

    type("[data-action=rupture] input[name=noteReference]", "DVM-2019-" + RUN);
    click("[data-action=rupture] button[type=submit]");

    browser.await(d -> text(".page-header .badge").equals("Relations severed"));
    WebElement countdown = browser.find(By.cssSelector("[data-testid=deadline][data-status=RUNNING] .countdown"));
    String first = countdown.getText();
    assertThat(first).matches(ABOUT_72_HOURS_LEFT);
    browser.await(d -> !countdown.getText().equals(first));
    assertThat(text("[data-testid=deadline][data-status=RUNNING]")).contains("UTC", "New York");

    // The same page follows the fan-out by itself, without a reload: from none to every alert sent.
    browser.await(FAN_OUT, d -> {
      String shown = progressShown();
      if (!seen.get(seen.size() - 1).equals(shown)) {
        seen.add(shown);
      }
      String[] doneOfTotal = shown.split("/");
      return Integer.parseInt(doneOfTotal[1]) >= washingtonStaff.size() && doneOfTotal[0].equals(doneOfTotal[1]);
    });
    assertThat(browser.driver.executeScript("return window.iopSamePage === true")).as("the page was not reloaded").isEqualTo(true);
    assertThat(seen).as("progress shown while the alerts went out").hasSizeGreaterThan(1);
    assertThat(text("[data-testid=timeline]")).contains("Operating → Relations severed", "Departure deadline: started", "by was.head");
    browser.screenshot("03-mission-after-rupture");

    browser.driver.get(system.gateway.baseUrl() + "/console/alerts?mission=" + washington);
    WebElement person = browser.find(By.cssSelector(".person-alerts[data-staff='" + washingtonStaff.get(0) + "']"));
    assertThat(person.getText()).contains("Carlos Embajador", "Departure order");
    // The order went out by email and by SMS: each alert opens on its own delivery log.
    List<WebElement> alerts = person.findElements(By.cssSelector("button[aria-expanded]"));
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
    alerts.forEach(WebElement::click);
    // Every log open and loaded (each is fetched on its own).
    browser.await(d -> person.findElements(By.cssSelector("[data-testid=delivery-log]")).size() == alerts.size());
    String logs = person.findElements(By.cssSelector("[data-testid=delivery-log]")).stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    assertThat(logs).contains("Email: Sent", "SMS: Sent");
    browser.screenshot("04-alerts");

    // At a glance: the running deadline counts down on the dashboard, and nobody has acknowledged yet.
    browser.driver.get(system.gateway.baseUrl() + "/console/");
    WebElement card = missionCard(washington);
    browser.await(d -> card.getText().contains("Relations severed"));
    assertThat(card.findElement(By.cssSelector("[data-testid=running-deadline] .countdown")).getText()).matches(ABOUT_72_HOURS_LEFT);
    assertThat(card.findElement(By.cssSelector("[data-testid=mission-unacknowledged]")).getText()).doesNotStartWith("0 ");
    assertThat(text("[data-testid=glance-deadlines]")).isEqualTo("1 running deadlines");
    browser.screenshot("04b-dashboard-running-deadline");
  }

  @Test
  @Order(3)
  void aReductionAndAPersonaNonGrataAreDeclaredAndThePersonalDeadlineBearsThePersonsName() {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + miami);
    browser.find(By.cssSelector("[data-testid=mission-page][data-mission='" + miami + "']"));
    // An operating consulate: a break, a reduction, a persona non grata and its own closure; nothing of a later status.
    browser.await(d -> !d.findElements(By.cssSelector("details[data-action=persona-non-grata]")).isEmpty());
    assertThat(offeredActions()).containsExactly("rupture", "staff-ceiling", "persona-non-grata", "closure", "note");

    openAction("staff-ceiling");
    type("[data-action=staff-ceiling] input[name=noteReference]", "RED-2019-" + RUN);
    type("[data-action=staff-ceiling] input[name=ceiling]", "1");
    click("[data-action=staff-ceiling] button[type=submit]");
    WebElement reduction = browser.find(By.cssSelector("[data-testid=deadline][data-kind=REDUCTION][data-status=RUNNING]"));
    assertThat(reduction.findElement(By.tagName("h3")).getText()).isEqualTo("Reduction");
    assertThat(reduction.findElement(By.cssSelector(".countdown")).getText()).matches("29 d 23:\\d\\d:\\d\\d left");
    browser.await(d -> text("[data-testid=mission-ceiling]").equals("1"));
    assertThat(text("[data-testid=reduction-due]")).contains("New York", "UTC");
    assertThat(text(".page-header .badge")).as("a reduction leaves the status as it is").isEqualTo("Operating");

    // A second reduction while this one runs: refused by the service, in plain words naming the mission.
    openAction("staff-ceiling");
    type("[data-action=staff-ceiling] input[name=noteReference]", "RED-2019-B-" + RUN);
    type("[data-action=staff-ceiling] input[name=ceiling]", "0");
    click("[data-action=staff-ceiling] button[type=submit]");
    assertThat(browser.find(By.cssSelector("[data-action=staff-ceiling] .problem[role=alert] .problem-title")).getText())
        .isEqualTo("A reduction of " + MIAMI_CONSULATE + " is already running: extend or reissue its deadline instead.");

    String jorge = miamiStaff.get("Jorge Vicecónsul " + RUN);
    openAction("persona-non-grata");
    Select person = new Select(browser.find(By.cssSelector("[data-action=persona-non-grata] select[name=staffId]")));
    assertThat(person.getOptions().stream().map(WebElement::getText))
        .as("people chosen by name").contains("Ana Cónsul " + RUN + " (Diplomatic agent)", "Jorge Vicecónsul " + RUN + " (Diplomatic agent)")
        .noneMatch(option -> option.contains(jorge));
    person.selectByValue(jorge);
    type("[data-action=persona-non-grata] input[name=noteReference]", "PNG-2019-" + RUN);
    click("[data-action=persona-non-grata] button[type=submit]");

    WebElement personal = browser.find(By.cssSelector("[data-testid=deadline][data-kind=PERSONAL][data-staff='" + jorge + "']"));
    assertThat(personal.findElement(By.tagName("h3")).getText()).isEqualTo("Persona non grata: Jorge Vicecónsul " + RUN);
    assertThat(personal.findElement(By.cssSelector(".countdown")).getText()).matches(ABOUT_72_HOURS_LEFT);
    browser.await(d -> text("[data-testid=timeline]").contains("Personal deadline of Jorge Vicecónsul " + RUN + ": started"));
    assertThat(text("[data-testid=timeline]")).contains("Reduction deadline: started", "Declared persona non grata by the receiving state");
    assertThat(browser.driver.getPageSource()).as("the person is named, never shown by id").doesNotContain(">" + jorge + "<");

    // The same person again: refused before anything is sent, by name.
    openAction("persona-non-grata");
    new Select(browser.find(By.cssSelector("[data-action=persona-non-grata] select[name=staffId]"))).selectByValue(jorge);
    type("[data-action=persona-non-grata] input[name=noteReference]", "PNG-2019-B-" + RUN);
    click("[data-action=persona-non-grata] button[type=submit]");
    assertThat(browser.find(By.cssSelector("[data-action=persona-non-grata] .field.invalid .error")).getText())
        .isEqualTo("Jorge Vicecónsul " + RUN + " was already declared persona non grata: extend or reissue that deadline instead.");
    browser.find(By.cssSelector("details[data-action=persona-non-grata] summary")).click();
    browser.find(By.cssSelector("details[data-action=staff-ceiling] summary")).click();
    browser.screenshot("02b-mission-reduction-persona-non-grata", 1500);
  }

  @Test
  @Order(4)
  void anInterestsSectionIsRegisteredUnderItsProtectingPowerWhoseMandateIsShownAndChanged() {
    browser.driver.get(system.gateway.baseUrl() + "/console/");
    // The dashboard names the persona non grata of the step before too.
    browser.await(d -> missionCard(miami).getText().contains("Persona non grata: Jorge Vicecónsul " + RUN));
    browser.find(By.xpath("//details[.//form[@data-form='register-mission']]/summary")).click();
    new Select(browser.find(By.cssSelector("form[data-form=register-mission] select[name=kind]"))).selectByValue("INTERESTS_SECTION");
    type("form[data-form=register-mission] input[name=name]", INTERESTS_SECTION);
    type("form[data-form=register-mission] input[name=sendingState]", "VE");
    type("form[data-form=register-mission] input[name=receivingState]", "US");
    type("form[data-form=register-mission] input[name=city]", "Washington");
    type("form[data-form=register-mission] input[name=timeZone]", "America/New_York");
    // A protecting power is a third state: the form says so before sending.
    type("form[data-form=register-mission] input[name=protectingState]", "US");
    type("form[data-form=register-mission] input[name=staffCeiling]", "5");
    click("form[data-form=register-mission] button[type=submit]");
    assertThat(browser.find(By.cssSelector("form[data-form=register-mission] .field.invalid .error")).getText())
        .isEqualTo("The protecting power must be a third state.");
    type("form[data-form=register-mission] input[name=protectingState]", "CH");
    click("form[data-form=register-mission] button[type=submit]");

    browser.await(d -> d.getCurrentUrl().contains("/console/missions/") && text(".page-header h1").equals(INTERESTS_SECTION));
    assertThat(text(".page-header .badge")).isEqualTo("Interests section");
    assertThat(text("[data-testid=mission-ceiling]")).isEqualTo("5");
    WebElement mandate = browser.find(By.cssSelector("[data-testid=mandate][data-status=IN_FORCE]"));
    assertThat(mandate.getText()).contains("Mandate of CH", "In force", "VE → US");
    assertThat(text("[data-testid=mandate-scope]")).isEqualTo("Diplomatic and consular");
    assertThat(text("[data-testid=mandate-custody]")).isEqualTo("premises, archives");
    assertThat(offeredActions()).containsExactly("protecting-power-termination", "staff-ceiling", "persona-non-grata", "restoration", "note");

    openAction("note");
    type("[data-action=note] input[name=reference]", "PP-2019-" + RUN);
    type("[data-action=note] textarea[name=summary]", "Switzerland hands over to Sweden");
    click("[data-action=note] button[type=submit]");
    browser.await(d -> text("#notes").contains("PP-2019-" + RUN));

    // Switzerland's mandate ends and Sweden succeeds it, pending the host state's consent.
    openAction("protecting-power-termination");
    type("[data-action=protecting-power-termination] input[name=noteReference]", "PP-2019-" + RUN);
    click("[data-action=protecting-power-termination] input[name=withSuccessor]");
    type("[data-action=protecting-power-termination] input[name=successorState]", "SE");
    click("[data-action=protecting-power-termination] button[type=submit]");
    browser.find(By.cssSelector("[data-testid=mandate][data-status=PENDING_CONSENT]"));
    assertThat(text("[data-testid=mandate-state]")).isEqualTo("SE");
    assertThat(text("[data-testid=mission-protecting-state]")).isEqualTo("SE");
    assertThat(text("[data-testid=mandate-consent]")).isEqualTo("awaited");
    assertThat(text("[data-testid=mandate]")).contains("succeeds the mandate of CH");
    assertThat(text("[data-testid=mandate-history] summary")).isEqualTo("Earlier mandates (1)");

    openAction("protecting-power-consent");
    click("[data-action=protecting-power-consent] button[type=submit]");
    browser.find(By.cssSelector("[data-testid=mandate][data-status=IN_FORCE]"));
    assertThat(text("[data-testid=mandate-consent]")).contains("New York", "UTC");
    browser.await(d -> text("[data-testid=timeline]").contains("Protecting power: consented by the host state"));
    assertThat(text("[data-testid=timeline]")).contains("Protecting power: designated", "Protecting power: mandate terminated");
    browser.find(By.cssSelector("details[data-action=protecting-power-termination] summary")).click();
    browser.screenshot("02c-protecting-power-mandate", 1500);
  }

  @Test
  @Order(5)
  void remainingStaffAreDesignatedUpToTheCeilingAndTheNextIsRefusedInPlainWords() throws Exception {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + washington);
    openAction("note");
    type("[data-action=note] input[name=reference]", "NEG-2019-" + RUN);
    type("[data-action=note] textarea[name=summary]", "Both governments agree to negotiate interests offices");
    click("[data-action=note] button[type=submit]");
    browser.await(d -> text("#notes").contains("NEG-2019-" + RUN));

    openAction("negotiation");
    type("[data-action=negotiation] input[name=noteReference]", "NEG-2019-" + RUN);
    type("[data-action=negotiation] input[name=remainingStaffCeiling]", "2");
    click("[data-action=negotiation] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Negotiating"));
    assertThat(text("[data-testid=mission-ceiling]")).isEqualTo("2");
    // Personnel learns the ceiling from the NegotiationOpened event.
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !system.as("was.head").get("/api/missions/" + washington + "/accountability").body().path("negotiationDeadline").isNull());

    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + washington);
    assertThat(browser.find(By.cssSelector("[data-testid=ceiling-gauge]")).getText()).contains("0 of 2");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-name^='Mary Local'] [data-action=designate]"))).isEmpty();
    designate(washingtonStaff.get(0));
    browser.await(d -> text("[data-testid=ceiling-gauge]").contains("1 of 2"));
    designate(washingtonStaff.get(1));
    browser.await(d -> text("[data-testid=ceiling-gauge]").contains("2 of 2"));

    designate(washingtonStaff.get(2));
    WebElement refusal = browser.find(By.cssSelector("#roster .problem[role=alert]"));
    assertThat(refusal.getText()).contains("Pedro Secretario", "The remaining-staff ceiling is reached: 2 of 2 are designated.");
    assertThat(browser.find(By.cssSelector("tr[data-staff='" + washingtonStaff.get(2) + "']")).getAttribute("data-status")).isEqualTo("DEPARTURE_ORDERED");
    // Accountability: who is ordered out and has not acknowledged; those who remain are not chased.
    browser.await(d -> text("[data-testid=unacknowledged-list]").contains("Pedro Secretario"));
    assertThat(text("[data-testid=unacknowledged-list]")).doesNotContain("Carlos Embajador").doesNotContain("Mary Local");
    browser.screenshot("05-staff-ceiling-refused");

    click("[data-testid=export-roster]");
    Path roster = ConsoleBrowser.DOWNLOADS.resolve("roster-WAS-Washington.csv");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(roster) && Files.size(roster) > 0);
    assertThat(Files.readString(roster)).contains("Full name,Category", "Carlos Embajador " + RUN + ",Diplomatic agent", "Remaining");
  }

  @Test
  @Order(6)
  void whatWasTypedSurvivesTheEndOfTheSession() {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + washington);
    openAction("note");
    type("[data-action=note] input[name=reference]", "DRAFT-" + RUN);
    type("[data-action=note] textarea[name=summary]", "Typed before the session ended");

    browser.driver.manage().deleteCookieNamed("SESSION");
    click("[data-action=note] button[type=submit]");

    // Through the sign-in (Keycloak still knows the browser) and back to the same page and form.
    browser.find(By.cssSelector(".notice.banner"));
    assertThat(browser.driver.getCurrentUrl()).endsWith("/console/missions/" + washington);
    assertThat(browser.find(By.cssSelector("[data-action=note] input[name=reference]")).getAttribute("value")).isEqualTo("DRAFT-" + RUN);
    assertThat(browser.find(By.cssSelector("[data-action=note] textarea[name=summary]")).getAttribute("value")).isEqualTo("Typed before the session ended");
  }

  @Test
  @Order(7)
  void anExerciseIsShownAsOneItsCountdownRunsOnTheCaseClockAndTheHeadAdvancesIt() {
    // The 2019 case replayed as an exercise: the note of 23 January 2019, 20:00 UTC, gives 72 hours.
    GatewayClient head = system.as("was.head");
    Map<String, Object> drill = new LinkedHashMap<>(mission("WAS", EXERCISE, "VE", "US", "Washington", "America/New_York"));
    drill.put("exercise", Map.of("startsAt", "2019-01-23T19:00:00Z"));
    String exercise = created(head.post("/api/missions", drill, "console-exercise"));
    assertThat(head.post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", "2019-01-23T20:30:00Z"), "console-exercise").status()).isEqualTo(200);
    GatewayClient.Response severed = head.post("/api/missions/" + exercise + "/rupture",
        Map.of("noteReference", "EX-2019-" + RUN, "noteReceivedAt", "2019-01-23T20:00:00Z", "departureWindow", "PT72H", "consularPostsClosed", true),
        "console-exercise");
    assertThat(severed.status()).as(severed.body().toString()).isEqualTo(200);

    // Marked in the list of missions, the real one beside it not.
    browser.driver.get(system.gateway.baseUrl() + "/console/");
    assertThat(missionCard(exercise).findElement(By.cssSelector("[data-testid=exercise-badge]")).getText()).isEqualTo("EXERCISE");
    assertThat(missionCard(washington).findElements(By.cssSelector("[data-testid=exercise-badge]"))).isEmpty();

    // The banner: an exercise, its case clock and its start in New York time and in UTC.
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + exercise);
    WebElement banner = browser.find(By.cssSelector("[data-testid=exercise-banner]"));
    assertThat(banner.getText()).contains("EXERCISE");
    assertThat(text("[data-testid=case-now]")).contains("23 Jan 2019, 15:30", "New York", "23 Jan 2019, 20:30 UTC");
    assertThat(text("[data-testid=case-start]")).contains("23 Jan 2019, 14:00", "23 Jan 2019, 19:00 UTC");
    assertThat(text(".page-header [data-testid=exercise-badge]")).isEqualTo("EXERCISE");
    // The countdown counts on the case clock, which stands still until it is advanced.
    String countdown = "[data-testid=deadline][data-status=RUNNING] .countdown";
    assertThat(text(countdown)).isEqualTo("2 d 23:30:00 left on the case clock");
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> text(countdown).equals("2 d 23:30:00 left on the case clock"));
    // A form's time defaults to the case clock, not to today.
    openAction("negotiation");
    assertThat(browser.find(By.cssSelector("[data-action=negotiation] input[name=agreedAt]")).getAttribute("value")).isEqualTo("2019-01-23T15:30");
    browser.screenshot("06b-exercise-mission");

    // One day forward with the control: the case clock, the countdown and the forms follow.
    click("[data-testid=case-clock-control] button[data-step='86400000']");
    browser.await(d -> text("[data-testid=case-now]").contains("24 Jan 2019, 20:30 UTC"));
    browser.await(d -> text(countdown).equals("1 d 23:30:00 left on the case clock"));
    assertThat(head.get("/api/missions/" + exercise).body().path("exercise").path("caseNow").asString()).isEqualTo("2019-01-24T20:30:00Z");
    openAction("negotiation");
    assertThat(browser.find(By.cssSelector("[data-action=negotiation] input[name=agreedAt]")).getAttribute("value")).isEqualTo("2019-01-24T15:30");

    // Backwards is refused before anything is sent; past the due instant the deadline runs out.
    openAction("case-clock");
    setDateTime("[data-action=case-clock] input[name=advanceTo]", "2019-01-24T10:00");
    click("[data-action=case-clock] button[type=submit]");
    assertThat(browser.find(By.cssSelector("[data-action=case-clock] .field.invalid .error")).getText())
        .isEqualTo("Must be later than the case clock (2019-01-24 15:30 New York): it moves forward only.");
    setDateTime("[data-action=case-clock] input[name=advanceTo]", "2019-01-27T15:30");
    click("[data-action=case-clock] button[type=submit]");
    browser.await(d -> text("[data-testid=case-now]").contains("27 Jan 2019, 20:30 UTC"));
    browser.find(By.cssSelector("[data-testid=deadline][data-kind=DEPARTURE][data-status=EXPIRED]"));
    assertThat(browser.driver.findElements(By.cssSelector(countdown))).isEmpty();
    browser.await(d -> text("[data-testid=timeline]").contains("Departure deadline: expired"));
    assertThat(head.get("/api/missions/" + exercise).body().path("exercise").path("caseNow").asString()).isEqualTo("2019-01-27T20:30:00Z");
    browser.screenshot("06c-exercise-advanced");

    // Its other pages say so too.
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + exercise);
    assertThat(browser.find(By.cssSelector("[data-testid=exercise-banner] [data-testid=case-now]")).getText()).contains("27 Jan 2019, 20:30 UTC");
    browser.driver.get(system.gateway.baseUrl() + "/console/alerts?mission=" + exercise);
    assertThat(browser.find(By.cssSelector("[data-testid=exercise-banner]")).getText()).contains("EXERCISE");
  }

  @Test
  @Order(8)
  void aCaracasOfficerSeesNoWashingtonDataAndIsOfferedNoHeadsAction() {
    browser.clickAndLeave(browser.find(By.cssSelector("[data-testid=sign-out]")));
    // Signing out ended the Keycloak session too: the login page asks again.
    signInOnKeycloak("ccs.officer", null);
    assertThat(browser.find(By.cssSelector("[data-testid=user-name]")).getText()).isEqualTo("Olivia Officer");
    assertThat(text("[data-testid=user-offices]")).isEqualTo("CCS");
    missionCard(caracas);
    assertNoWashingtonData();

    browser.driver.get(system.gateway.baseUrl() + "/console/staff");
    browser.find(By.cssSelector("#mission-picker"));
    assertNoWashingtonData();
    browser.driver.get(system.gateway.baseUrl() + "/console/alerts");
    browser.find(By.cssSelector("[data-testid=alert-progress]"));
    assertNoWashingtonData();
    assertThat(browser.driver.findElements(By.id("dead-letters"))).as("no dead letters offered to an office user").isEmpty();

    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + washington);
    assertThat(browser.find(By.cssSelector(".problem[role=alert]")).getText()).contains("Not found, or not of your office.");
    assertNoWashingtonData();

    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + caracas);
    browser.find(By.cssSelector("[data-testid=mission-page]"));
    assertThat(browser.driver.findElements(By.cssSelector("[data-action=rupture]"))).as("no rupture offered to an officer").isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#actions"))).isEmpty();
    // And the server refuses it all the same, through the console's own session.
    String rupture = "{\"noteReference\": \"X-1\", \"noteReceivedAt\": \"" + Instant.now() + "\", \"departureWindow\": \"PT72H\"}";
    assertThat(statusOfConsoleCall("POST", "/console/api/missions/" + caracas + "/rupture", rupture)).isEqualTo(403L);
    assertThat(statusOfConsoleCall("GET", "/console/api/dead-letters/personnel", null)).as("dead letters refused to an office user").isEqualTo(403L);
    browser.screenshot("06-caracas-officer-mission");
  }

  @Test
  @Order(9)
  void theConsoleSpeaksSpanishAndRemembersIt() {
    browser.driver.get(system.gateway.baseUrl() + "/console/");
    new Select(browser.find(By.id("language"))).selectByValue("es");
    browser.await(d -> text("h1").equals("Panel"));
    assertThat(text("header.top nav")).contains("Panel", "Personal", "Alertas");
    assertThat(text("[data-testid=user-role]")).isEqualTo("Oficial de oficina");

    browser.driver.navigate().refresh();
    browser.await(d -> text("h1").equals("Panel"));
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    assertThat(missionCard(caracas).getText()).contains("En funcionamiento");
    browser.screenshot("07-dashboard-spanish");

    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + caracas);
    browser.await(d -> text("h1").equals("Personal"));
    browser.driver.manage().window().setSize(ConsoleBrowser.TABLET);
    browser.screenshot("08-staff-spanish-tablet");
    browser.driver.manage().window().setSize(ConsoleBrowser.LAPTOP);
  }

  @Test
  @Order(10)
  void everyPageOfTheConsolePassesAnAxeAuditWithoutASeriousOrCriticalViolation() {
    Map<String, List<String>> found = new LinkedHashMap<>();
    new Select(browser.find(By.id("language"))).selectByValue("en");
    browser.await(d -> text("h1").equals("Staff"));
    browser.clickAndLeave(browser.find(By.cssSelector("[data-testid=sign-out]")));
    browser.awaitAddress(system.keycloak.issuer() + "/protocol/openid-connect/auth", SIGN_IN_LIMIT);
    browser.find(By.id("kc-form-login"));
    report(found, "sign-in (Keycloak's login page)", browser.accessibilityViolations());
    // A ministry administrator sees every page, the dead letters included.
    signInOnKeycloak("ministry.admin", null);
    browser.find(By.cssSelector("[data-testid=user-name]"));

    audit(found, "dashboard", "/console/", "[data-testid=mission-card]", null, null);
    audit(found, "mission: negotiating, remaining staff ceiling, deadline history, every action's form", "/console/missions/" + washington, "[data-testid=deadline]", null, null);
    audit(found, "mission: a deadline's suspension form", "/console/missions/" + washington, "[data-testid=deadline] button[aria-expanded=false]",
        "[data-testid=deadline] button[aria-expanded=false]", "[data-testid=deadline] form");
    audit(found, "mission: reduction and persona non grata", "/console/missions/" + miami, "[data-testid=deadline][data-kind=PERSONAL]", null, null);
    audit(found, "staff: choosing a mission", "/console/staff", "#mission-picker", null, null);
    audit(found, "staff of a mission: roster, remaining staff, departure groups, accountability", "/console/staff?mission=" + washington, "[data-testid=roster]", null, null);
    audit(found, "staff: editing a member", "/console/staff?mission=" + washington, "[data-testid=roster] button[aria-expanded=false]",
        "[data-testid=roster] button[aria-expanded=false]", "#roster form");
    audit(found, "alerts: every mission's fan-out, dead letters", "/console/alerts", "#dead-letters", null, null);
    audit(found, "alerts of a mission: each person's alerts and a delivery log", "/console/alerts?mission=" + washington, ".person-alerts button[aria-expanded=false]",
        ".person-alerts button[aria-expanded=false]", "[data-testid=delivery-log]");

    assertThat(found).allSatisfy((page, violations) -> assertThat(violations).as(page).isEmpty());
    // The audit can fail: a button without a name, added to the page, is reported.
    browser.driver.executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<button type=\"button\" id=\"unnamed\"></button>')");
    assertThat(browser.accessibilityViolations()).anySatisfy(violation -> assertThat(violation).startsWith("critical button-name").contains("#unnamed"));
  }

  /**
   * The page at this address audited by axe-core once it has loaded, with every folded form and
   * history open (axe skips what is hidden) and, given a toggle, that toggle pressed and what it
   * unfolds shown. What axe found is printed page by page and kept for the assertion.
   */
  private static void audit(Map<String, List<String>> found, String page, String path, String ready, String toggle, String unfolded) {
    browser.driver.get(system.gateway.baseUrl() + path);
    browser.find(By.cssSelector(ready));
    browser.await(d -> !d.findElement(By.tagName("body")).getText().contains("Loading…"));
    browser.driver.executeScript("document.querySelectorAll('details').forEach(details => details.open = true)");
    if (toggle != null) {
      click(toggle);
      browser.find(By.cssSelector(unfolded));
    }
    report(found, page, browser.accessibilityViolations());
  }

  /** Prints every violation axe found on the page; keeps the serious and critical ones for the assertion. */
  private static void report(Map<String, List<String>> found, String page, List<String> violations) {
    System.out.println("axe-core, " + page + ": " + (violations.isEmpty() ? "no violation" : "\n  " + String.join("\n  ", violations)));
    found.put(page, violations.stream().filter(ConsoleBrowser::seriousOrCritical).toList());
  }

  @Test
  @Order(11)
  void theAdministratorSeesADeadLetterAndReDrivesItOnceItsCauseIsFixed() {
    // Personnel hears of a rupture of a mission it never heard of (its registration never reached
    // it): a failure of the event, not of the infrastructure, so it is retried, then kept as a dead letter.
    UUID unknown = UUID.randomUUID();
    String name = "Embassy of Venezuela in Boston " + RUN;
    MissionsEventsOnTheBroker.relationsSevered(unknown, "WAS", Instant.now().plus(Duration.ofHours(72)));
    browser.driver.get(system.gateway.baseUrl() + "/console/alerts");
    String row = "//table[@data-testid='dead-letters']//tr[@data-dead-letter][td[contains(., '" + unknown + "')]]";
    WebElement letter = browser.await(FAN_OUT, d -> d.findElements(By.xpath(row)).stream().findFirst().orElse(null));
    assertThat(letter.getText()).contains("personnel", "RelationsSevered", "WAS", "Mission " + unknown + " is not known yet");
    browser.screenshot("12-dead-letter", 1400);

    // The cause fixed: the registration reaches personnel, and a diplomat joins the mission.
    MissionsEventsOnTheBroker.missionRegistered(unknown, "WAS", name, "US", "America/New_York");
    String diplomat = registerOnceMissionIsKnown(system.as("was.officer"), unknown.toString(), staff("Tomás Agregado " + RUN, "DIPLOMATIC_AGENT", "VE"));
    assertThat(system.as("was.head").get("/api/staff/" + diplomat).body().path("status").asString()).isEqualTo("ACCREDITED");

    // Re-driven from the console: the letter leaves the list and the rupture orders the diplomat out.
    browser.find(By.xpath(row + "//button[normalize-space()='Re-drive']")).click();
    browser.await(FAN_OUT, d -> d.findElements(By.xpath(row)).isEmpty());
    assertThat(text("#dead-letters .problem")).as("no refusal shown").isEmpty();
    await().atMost(FAN_OUT).until(() -> system.as("was.head").get("/api/staff/" + diplomat).body().path("status").asString().equals("DEPARTURE_ORDERED"));
    GatewayClient.Response letters = system.as("ministry.admin").get("/api/dead-letters/personnel?include=all");
    assertThat(letters.body().toString()).contains(unknown.toString(), "REDRIVEN", "ministry.admin");
    // And the alert the order gives goes out, in the console's alerts of that mission.
    browser.driver.get(system.gateway.baseUrl() + "/console/alerts?mission=" + unknown);
    // The page reads the alerts again every few seconds by itself.
    WebElement person = browser.await(FAN_OUT, d -> d.findElements(By.cssSelector(".person-alerts[data-staff='" + diplomat + "']")).stream().findFirst().orElse(null));
    assertThat(person.getText()).contains("Tomás Agregado " + RUN, "Departure order");
    browser.screenshot("12b-dead-letter-redriven", 1800);
  }

  @Test
  @Order(12)
  void theWashingtonHeadSignsInAndDeclaresARuptureWithTheKeyboardAlone() {
    String name = "Embassy of Venezuela in Ottawa " + RUN;
    ottawa = created(system.as("was.head").post("/api/missions", mission("WAS", name, "VE", "CA", "Ottawa", "America/Toronto"), "console-setup"));
    browser.clickAndLeave(browser.find(By.cssSelector("[data-testid=sign-out]")));
    browser.awaitAddress(system.keycloak.issuer() + "/protocol/openid-connect/auth", SIGN_IN_LIMIT);
    browser.find(By.id("kc-form-login"));

    // Keycloak's page: to the user name, type, on to the password, type, Enter.
    tabTo("#username", false);
    press("was.head");
    tabTo("#password", false);
    press(KeycloakServer.DEMO_PASSWORD);
    try {
      press(Keys.ENTER);
    } catch (TimeoutException stillRedirecting) {
      // The sign-in goes through a redirect chain across two sites: the test waits for where it leads.
    }
    browser.awaitAddress(system.gateway.baseUrl() + "/console/", SIGN_IN_LIMIT);
    browser.find(By.cssSelector("[data-testid=mission-card][data-mission='" + ottawa + "']"));

    // The console: every stop of the focus is visible, from the skip link to the submit button.
    tabTo("[data-mission='" + ottawa + "'] a", true);
    press(Keys.ENTER);
    browser.find(By.cssSelector("[data-testid=mission-page][data-mission='" + ottawa + "']"));
    tabTo("details[data-action=rupture] > summary", true);
    press(Keys.ENTER);
    tabTo("[data-action=rupture] input[name=noteReference]", true);
    press("KEY-2019-" + RUN);
    tabTo("[data-action=rupture] button[type=submit]", true);
    press(Keys.SPACE);

    browser.await(d -> text(".page-header .badge").equals("Relations severed"));
    browser.find(By.cssSelector("[data-testid=deadline][data-kind=DEPARTURE][data-status=RUNNING]"));
    GatewayClient officeHead = system.as("was.head");
    assertThat(officeHead.get("/api/missions/" + ottawa).body().path("status").asString()).isEqualTo("RELATIONS_SEVERED");
    assertThat(officeHead.get("/api/missions/" + ottawa + "/timeline").body().toString()).contains("KEY-2019-" + RUN);
    browser.screenshot("09-keyboard-rupture");
  }

  @Test
  @Order(13)
  void theDepartureDeadlineIsSuspendedExtendedAndReissuedFromItsCard() {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + ottawa);
    String deadline = browser.find(By.cssSelector("[data-testid=deadline][data-kind=DEPARTURE][data-status=RUNNING]")).getAttribute("data-deadline");
    String card = "[data-deadline='" + deadline + "']";

    // Suspended when it runs out, as the 72 hours of January 2019 were.
    pressButton(card, "Suspend");
    type(card + " form input[name=noteReference]", "KEY-2019-" + RUN);
    click(card + " form button[type=submit]");
    browser.find(By.cssSelector(card + "[data-status=SUSPENDED]"));

    // Extended by a day, from its card.
    pressButton(card, "Extend");
    WebElement newDueAt = browser.find(By.cssSelector(card + " form input[name=newDueAt]"));
    String dayLater = LocalDateTime.parse(newDueAt.getAttribute("value")).plusDays(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    enterDateTime(newDueAt, dayLater);
    type(card + " form input[name=noteReference]", "KEY-2019-" + RUN);
    click(card + " form button[type=submit]");
    browser.await(d -> d.findElements(By.cssSelector(card + " form")).isEmpty() && textContent(card).contains("extended"));

    // Reissued from a new note: a new deadline runs from its receipt, this one is superseded.
    openAction("note");
    type("[data-action=note] input[name=reference]", "MAR-2019-" + RUN);
    type("[data-action=note] textarea[name=summary]", "A new 72-hour deadline for the last staff");
    click("[data-action=note] button[type=submit]");
    browser.await(d -> text("#notes").contains("MAR-2019-" + RUN));
    pressButton(card, "Reissue");
    type(card + " form input[name=noteReference]", "MAR-2019-" + RUN);
    click(card + " form button[type=submit]");
    browser.find(By.cssSelector(card + "[data-status=SUPERSEDED]"));
    WebElement reissued = browser.find(By.cssSelector("[data-testid=deadline][data-kind=DEPARTURE][data-status=RUNNING]"));
    assertThat(reissued.getAttribute("data-deadline")).isNotEqualTo(deadline);
    assertThat(reissued.getText()).contains("MAR-2019-" + RUN);
    browser.await(d -> text("[data-testid=timeline]").contains("Departure deadline: suspended"));
    assertThat(text("[data-testid=timeline]")).contains("Departure deadline: extended");
    browser.screenshot("10-deadline-suspended-extended-reissued", 1600);
  }

  @Test
  @Order(14)
  void aDepartureGroupIsCreatedFilledAndConfirmedAsDeparted() {
    String rosa = registerOnceMissionIsKnown(system.as("was.officer"), ottawa, staff("Rosa Agregada " + RUN, "DIPLOMATIC_AGENT", "VE"));
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + ottawa);
    browser.find(By.cssSelector("tr[data-staff='" + rosa + "']"));

    String group = aDepartureGroupOf("Charter Ottawa–Caracas " + RUN,
        LocalDateTime.now(ZoneId.of("America/Toronto")).plusHours(6).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")), List.of(rosa));
    String groupCss = "article[data-group='" + group + "']";
    assertThat(text(groupCss)).contains("1 member(s): Rosa Agregada " + RUN);

    unfoldGroupForm(group, "Confirm the departure");
    click(groupCss + " form[data-form=group-departure] button[type=submit]");
    browser.await(d -> text(groupCss).contains("Departed"));
    browser.await(d -> "DEPARTED".equals(d.findElement(By.cssSelector("tr[data-staff='" + rosa + "']")).getAttribute("data-status")));
    assertThat(system.as("was.head").get("/api/staff/" + rosa).body().path("status").asString()).isEqualTo("DEPARTED");
    browser.screenshot("11-departure-group-departed");
  }

  @Test
  @Order(15)
  void theAgreementMakesTheMissionAnInterestsSectionUnderItsProtectingPower() {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + ottawa);
    browser.await(d -> text(".page-header .badge").equals("Relations severed"));
    openAction("negotiation");
    type("[data-action=negotiation] input[name=noteReference]", "MAR-2019-" + RUN);
    type("[data-action=negotiation] input[name=remainingStaffCeiling]", "3");
    click("[data-action=negotiation] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Negotiating"));
    assertThat(offeredActions()).containsExactly("protecting-power", "agreement", "cessation", "persona-non-grata", "note");

    recordNote("AGR-2019-" + RUN, "Both governments agree on interests sections under Swiss protection");
    openAction("agreement");
    // The ceiling agreed for the negotiation is offered as the section's.
    assertThat(browser.find(By.cssSelector("[data-action=agreement] input[name=staffCeiling]")).getAttribute("value")).isEqualTo("3");
    type("[data-action=agreement] input[name=noteReference]", "AGR-2019-" + RUN);
    type("[data-action=agreement] input[name=protectingState]", "CH");
    type("[data-action=agreement] textarea[name=services]", "visas, passports");
    click("[data-action=agreement] button[type=submit]");

    browser.await(d -> text(".page-header .badge").equals("Interests section"));
    assertThat(text("[data-testid=mission-protecting-state]")).isEqualTo("CH");
    assertThat(text("[data-testid=mission-ceiling]")).isEqualTo("3");
    assertThat(text(".facts")).contains("visas, passports");
    browser.find(By.cssSelector("[data-testid=deadline][data-kind=NEGOTIATION][data-status=MET]"));
    browser.await(d -> text("[data-testid=timeline]").contains("Negotiating → Interests section"));
    assertThat(text("[data-testid=timeline]")).contains("Negotiation deadline: met", "AGR-2019-" + RUN, "by was.head");
    // An interests section's own steps are offered now, and no longer those of the talks.
    assertThat(offeredActions()).contains("staff-ceiling", "restoration").doesNotContain("agreement", "cessation");
    GatewayClient.Response mission = system.as("was.head").get("/api/missions/" + ottawa);
    assertThat(mission.body().path("status").asString()).isEqualTo("INTERESTS_SECTION");
    assertThat(mission.body().path("protectingState").asString()).isEqualTo("CH");
    browser.screenshot("13-agreement-interests-section", 1600);
  }

  @Test
  @Order(16)
  void theCessationStartsTheFinalDepartureAndOrdersTheRemainingStaffOut() {
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + washington);
    browser.await(d -> text(".page-header .badge").equals("Negotiating"));
    WebElement finalDeparture = declareTheCessation("CES-2019-" + RUN, "Venezuela ends the talks");
    assertThat(finalDeparture.findElement(By.tagName("h3")).getText()).isEqualTo("Final departure");
    WebElement countdown = finalDeparture.findElement(By.cssSelector(".countdown"));
    String first = countdown.getText();
    assertThat(first).matches(ABOUT_72_HOURS_LEFT);
    browser.await(d -> !countdown.getText().equals(first));
    browser.find(By.cssSelector("[data-testid=deadline][data-kind=NEGOTIATION][data-status=SUPERSEDED]"));
    browser.await(d -> text("[data-testid=timeline]").contains("Negotiating → Ceased"));
    assertThat(text("[data-testid=timeline]")).contains("Final departure deadline: started");
    // The state designates its protecting power now (VCDR art. 45), and the mission is closed when its last staff have left.
    assertThat(offeredActions()).containsExactly("protecting-power", "closure", "note");
    browser.screenshot("14-cessation-final-departure", 1600);

    // The two who remained are ordered out with the final departure, and chased until they acknowledge.
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + washington);
    for (String remaining : washingtonStaff.subList(0, 2)) {
      browser.await(FAN_OUT, d -> {
        List<WebElement> row = d.findElements(By.cssSelector("tr[data-staff='" + remaining + "']"));
        return !row.isEmpty() && "DEPARTURE_ORDERED".equals(row.get(0).getAttribute("data-status"));
      });
    }
    browser.await(FAN_OUT, d -> text("[data-testid=unacknowledged-list]").contains("Carlos Embajador"));
    browser.screenshot("14b-cessation-staff");

    // Their new orders go out, each one's deadline the final departure's; an office head is offered no dead letters.
    browser.driver.get(system.gateway.baseUrl() + "/console/alerts?mission=" + washington);
    WebElement carlos = browser.find(By.cssSelector(".person-alerts[data-staff='" + washingtonStaff.get(0) + "']"));
    browser.await(FAN_OUT, d -> carlos.findElements(By.xpath(".//tr[@data-alert][td[1][normalize-space()='Departure order']]")).size() >= 4);
    assertThat(browser.driver.findElements(By.id("dead-letters"))).isEmpty();
  }

  @Test
  @Order(17)
  void the2019CaseIsReplayedFromTheConsoleAloneOnTheCaseClock() {
    // Registered from the dashboard as an exercise starting on 23 January 2019, 12:00 UTC (07:00 in Washington).
    browser.driver.get(system.gateway.baseUrl() + "/console/");
    browser.find(By.xpath("//details[.//form[@data-form='register-mission']]/summary")).click();
    type("form[data-form=register-mission] input[name=name]", REPLAY);
    type("form[data-form=register-mission] input[name=sendingState]", "VE");
    type("form[data-form=register-mission] input[name=receivingState]", "US");
    type("form[data-form=register-mission] input[name=city]", "Washington");
    type("form[data-form=register-mission] input[name=timeZone]", "America/New_York");
    click("form[data-form=register-mission] input[name=exercise]");
    setDateTime("form[data-form=register-mission] input[name=exerciseStartsAt]", "2019-01-23T07:00");
    assertThat(text("form[data-form=register-mission] .field:has(input[name=exerciseStartsAt]) .hint")).contains("23 Jan 2019, 12:00 UTC");
    click("form[data-form=register-mission] button[type=submit]");
    browser.await(d -> d.getCurrentUrl().contains("/console/missions/") && text(".page-header h1").equals(REPLAY));
    String replay = browser.find(By.cssSelector("[data-testid=mission-page]")).getAttribute("data-mission");
    assertThat(text("[data-testid=case-start]")).contains("23 Jan 2019, 12:00 UTC");
    assertThat(text(".page-header [data-testid=exercise-badge]")).isEqualTo("EXERCISE");

    // Its diplomats, registered on the staff page once personnel knows the mission.
    await().atMost(Duration.ofSeconds(30)).until(() -> system.as("was.head").get("/api/missions/" + replay + "/accountability").status() == 200);
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + replay);
    browser.find(By.cssSelector("[data-testid=exercise-banner]"));
    browser.find(By.xpath("//details[.//form[@data-form='register-staff']]/summary")).click();
    Map<String, String> diplomats = new LinkedHashMap<>();
    for (String name : List.of("Ana Ministra " + RUN, "Bruno Consejero " + RUN, "Carmen Agregada " + RUN)) {
      Map<String, Object> person = staff(name, "DIPLOMATIC_AGENT", "VE");
      type("form[data-form=register-staff] input[name=fullName]", name);
      type("form[data-form=register-staff] input[name=nationality]", "VE");
      type("form[data-form=register-staff] input[name=email]", String.valueOf(person.get("email")));
      type("form[data-form=register-staff] input[name=phone]", String.valueOf(person.get("phone")));
      click("form[data-form=register-staff] button[type=submit]");
      diplomats.put(name, browser.find(By.cssSelector("tr[data-name='" + name + "']")).getAttribute("data-staff"));
    }

    // 23 January, 20:00 UTC: Venezuela breaks relations by its own note; 72 hours to leave.
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + replay);
    advanceCaseClockTo("2019-01-23T15:00", "23 Jan 2019, 20:00 UTC");
    openAction("rupture");
    new Select(browser.find(By.cssSelector("[data-action=rupture] select[name=initiatedBy]"))).selectByValue("SENDING_STATE");
    assertThat(browser.find(By.cssSelector("[data-action=rupture] input[name=noteReceivedAt]")).getAttribute("value")).isEqualTo("2019-01-23T15:00");
    type("[data-action=rupture] input[name=noteReference]", "EX2019/MPPRE/2019-01-23 " + RUN);
    click("[data-action=rupture] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Relations severed"));
    assertThat(text("[data-testid=rupture-initiated-by]")).isEqualTo("Our own state (our note sent)");
    assertThat(text("[data-testid=deadline][data-kind=DEPARTURE][data-status=RUNNING] .countdown")).isEqualTo("3 d 00:00:00 left on the case clock");

    // 26 January, 19:00 UTC: interests offices to be negotiated within 30 days; 2 diplomats stay meanwhile.
    advanceCaseClockTo("2019-01-26T14:00", "26 Jan 2019, 19:00 UTC");
    recordNote("EX2019/COMMUNIQUE/2019-01-26 " + RUN, "Interests offices to be negotiated within 30 days");
    openAction("negotiation");
    type("[data-action=negotiation] input[name=noteReference]", "EX2019/COMMUNIQUE/2019-01-26 " + RUN);
    type("[data-action=negotiation] input[name=remainingStaffCeiling]", "2");
    click("[data-action=negotiation] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Negotiating"));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !system.as("was.head").get("/api/missions/" + replay + "/accountability").body().path("negotiationDeadline").isNull());
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + replay);
    designate(diplomats.get("Ana Ministra " + RUN));
    browser.await(d -> text("[data-testid=ceiling-gauge]").contains("1 of 2"));
    designate(diplomats.get("Bruno Consejero " + RUN));
    browser.await(d -> text("[data-testid=ceiling-gauge]").contains("2 of 2"));

    // 26 January, 19:59 UTC: the 72 hours run out; suspended in their last minute.
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + replay);
    advanceCaseClockTo("2019-01-26T14:59", "26 Jan 2019, 19:59 UTC");
    String departure = "[data-deadline='" + browser.find(By.cssSelector("[data-testid=deadline][data-kind=DEPARTURE][data-status=RUNNING]")).getAttribute("data-deadline") + "']";
    pressButton(departure, "Suspend");
    type(departure + " form input[name=noteReference]", "EX2019/COMMUNIQUE/2019-01-26 " + RUN);
    click(departure + " form button[type=submit]");
    browser.find(By.cssSelector(departure + "[data-status=SUSPENDED]"));

    // 25 February, 18:00 UTC: the 30 days run out without agreement; the talks go on 30 days more.
    advanceCaseClockTo("2019-02-25T13:00", "25 Feb 2019, 18:00 UTC");
    recordNote("EX2019/ASSUMED/2019-02-25 " + RUN, "ASSUMED: the negotiation extended by 30 days");
    String negotiation = "[data-deadline='" + browser.find(By.cssSelector("[data-testid=deadline][data-kind=NEGOTIATION][data-status=RUNNING]")).getAttribute("data-deadline") + "']";
    pressButton(negotiation, "Extend");
    enterDateTime(browser.find(By.cssSelector(negotiation + " form input[name=newDueAt]")), "2019-03-27T15:00");
    type(negotiation + " form input[name=noteReference]", "EX2019/ASSUMED/2019-02-25 " + RUN);
    click(negotiation + " form button[type=submit]");
    browser.await(d -> d.findElements(By.cssSelector(negotiation + " form")).isEmpty() && text(negotiation).contains("27 Mar 2019, 19:00 UTC"));

    // 12 March, 16:00 UTC: Venezuela ends the talks; the mission ceases; 72 hours for the last staff.
    advanceCaseClockTo("2019-03-12T12:00", "12 Mar 2019, 16:00 UTC");
    WebElement finalDeparture = declareTheCessation("EX2019/MPPRE/2019-03-12 " + RUN, "Venezuela ends the talks without an agreement");
    assertThat(finalDeparture.findElement(By.cssSelector(".countdown")).getText()).isEqualTo("3 d 00:00:00 left on the case clock");
    assertThat(finalDeparture.getText()).contains("15 Mar 2019, 16:00 UTC");

    // 14 March, 16:00 UTC: the last diplomats leave by charter flight, everyone still on the staff with them.
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + replay);
    for (String diplomat : diplomats.values()) {
      browser.await(FAN_OUT, d -> "DEPARTURE_ORDERED".equals(d.findElement(By.cssSelector("tr[data-staff='" + diplomat + "']")).getAttribute("data-status")));
    }
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + replay);
    advanceCaseClockTo("2019-03-14T12:00", "14 Mar 2019, 16:00 UTC");
    browser.driver.get(system.gateway.baseUrl() + "/console/staff?mission=" + replay);
    String group = aDepartureGroupOf("Charter Washington–Caracas " + RUN, "2019-03-14T12:00", List.copyOf(diplomats.values()));
    String groupCss = "article[data-group='" + group + "']";
    unfoldGroupForm(group, "Confirm the departure");
    assertThat(browser.find(By.cssSelector(groupCss + " form[data-form=group-departure] input[name=departedAt]")).getAttribute("value")).isEqualTo("2019-03-14T12:00");
    click(groupCss + " form[data-form=group-departure] button[type=submit]");
    for (String diplomat : diplomats.values()) {
      browser.await(d -> "DEPARTED".equals(d.findElement(By.cssSelector("tr[data-staff='" + diplomat + "']")).getAttribute("data-status")));
    }

    // 14 March, 20:00 UTC: the mission closes, citing the note of 12 March.
    browser.driver.get(system.gateway.baseUrl() + "/console/missions/" + replay);
    advanceCaseClockTo("2019-03-14T16:00", "14 Mar 2019, 20:00 UTC");
    openAction("closure");
    type("[data-action=closure] input[name=noteReference]", "EX2019/MPPRE/2019-03-12 " + RUN);
    click("[data-action=closure] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Closed"));
    browser.await(d -> text("[data-testid=timeline]").contains("Ceased → Closed"));
    assertThat(text("[data-testid=timeline]")).contains(
        "Operating → Relations severed", "Relations severed → Negotiating", "Departure deadline: suspended", "Negotiation deadline: extended",
        "Negotiating → Ceased", "Final departure deadline: started");
    GatewayClient.Response closed = system.as("was.head").get("/api/missions/" + replay);
    assertThat(closed.body().path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.body().path("exercise").path("caseNow").asString()).isEqualTo("2019-03-14T20:00:00Z");
    assertThat(closed.body().path("ruptureInitiatedBy").asString()).isEqualTo("SENDING_STATE");
    browser.find(By.cssSelector("details[data-action=case-clock] summary")).click();
    browser.screenshot("15-replay-2019-closed", 1600);
  }

  /** On a mission's staff page: creates a departure group, adds these members, and returns the group's id once it lists them all. */
  private static String aDepartureGroupOf(String name, String scheduledAt, List<String> members) {
    browser.find(By.cssSelector("#groups details.form-card > summary")).click();
    type("form[data-form=group-create] input[name=name]", name);
    enterDateTime(browser.find(By.cssSelector("form[data-form=group-create] input[name=scheduledAt]")), scheduledAt);
    click("form[data-form=group-create] button[type=submit]");
    String group = browser.find(By.xpath("//article[@data-group][h3[contains(., '" + name + "')]]")).getAttribute("data-group");
    String groupCss = "article[data-group='" + group + "']";
    unfoldGroupForm(group, "Add members");
    members.forEach(member -> click(groupCss + " form[data-form=group-members] input[name='" + member + "']"));
    click(groupCss + " form[data-form=group-members] button[type=submit]");
    browser.await(d -> text(groupCss).contains(members.size() + " member(s)"));
    return group;
  }

  /** Unfolds the group's form of this title ("Add members", "Confirm the departure"). */
  private static void unfoldGroupForm(String group, String title) {
    browser.find(By.xpath("//article[@data-group='" + group + "']//summary[normalize-space()='" + title + "']")).click();
  }

  /** Advances the exercise's case clock from its banner to a time typed in New York's zone, and waits until the page shows it. */
  private void advanceCaseClockTo(String newYorkTime, String utcShown) {
    openAction("case-clock");
    setDateTime("[data-action=case-clock] input[name=advanceTo]", newYorkTime);
    click("[data-action=case-clock] button[type=submit]");
    browser.await(FAN_OUT, d -> text("[data-testid=case-now]").contains(utcShown));
  }

  /** Records the note ending the talks, declares the cessation on it, and returns the final departure's deadline as its card shows it. */
  private WebElement declareTheCessation(String noteReference, String summary) {
    recordNote(noteReference, summary);
    openAction("cessation");
    type("[data-action=cessation] input[name=noteReference]", noteReference);
    click("[data-action=cessation] button[type=submit]");
    browser.await(d -> text(".page-header .badge").equals("Ceased"));
    return browser.find(By.cssSelector("[data-testid=deadline][data-kind=FINAL_DEPARTURE][data-status=RUNNING]"));
  }

  /** Records an incoming note in the mission's register, at the mission's now (the case clock of an exercise). */
  private void recordNote(String reference, String summary) {
    openAction("note");
    type("[data-action=note] input[name=reference]", reference);
    type("[data-action=note] textarea[name=summary]", summary);
    click("[data-action=note] button[type=submit]");
    browser.await(d -> text("#notes").contains(reference));
  }

  /** The status a call of the console's API answers through the browser's own session (its cookie and CSRF token). */
  private static Object statusOfConsoleCall(String method, String path, String jsonBody) {
    return browser.driver.executeAsyncScript(
        """
        const done = arguments[arguments.length - 1];
        const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).substring(11);
        fetch(arguments[1], {
          method: arguments[0], headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token)},
          body: arguments[2] === null ? undefined : arguments[2]
        }).then(r => done(r.status), e => done(String(e)));
        """,
        method, path, jsonBody);
  }

  /** Presses the button of this name inside the element the selector names. */
  private static void pressButton(String within, String name) {
    browser.find(By.cssSelector(within)).findElement(By.xpath(".//button[normalize-space()='" + name + "']")).click();
  }

  /** A date and time field filled as its picker would (typing into one depends on the browser's locale). */
  private static void enterDateTime(WebElement field, String localDateTime) {
    browser.driver.executeScript(
        "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(arguments[0], arguments[1]);"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field, localDateTime);
  }

  /** The text of an element, folded parts included. */
  private static String textContent(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : String.valueOf(found.get(0).getAttribute("textContent"));
  }

  /** Tab (at most 80 times) until the focus is on the element the selector names, checking each stop is visibly focused. */
  private static void tabTo(String css, boolean focusMustShow) {
    for (int pressed = 0; pressed <= 80; pressed++) {
      if (Boolean.TRUE.equals(browser.driver.executeScript("return document.activeElement !== null && document.activeElement.matches(arguments[0])", css))) {
        return;
      }
      press(Keys.TAB);
      if (focusMustShow) {
        assertThat(browser.driver.executeScript(
                """
                const focused = document.activeElement;
                if (focused === null || focused === document.body) return 'nothing has the focus';
                const style = getComputedStyle(focused);
                return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
                  ? 'visible' : 'no visible focus on ' + focused.outerHTML.substring(0, 160);
                """))
            .isEqualTo("visible");
      }
    }
    throw new AssertionError("80 presses of Tab never reached " + css);
  }

  /** Keys pressed where the focus is, as a keyboard would. */
  private static void press(CharSequence keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  /** The actions the mission page offers, in order (protecting power's first, then the lifecycle's). */
  private static List<String> offeredActions() {
    return browser.driver.findElements(By.cssSelector("details[data-action]")).stream().map(e -> e.getAttribute("data-action")).toList();
  }

  /** The mission page's fan-out bar as "done/total". */
  private static String progressShown() {
    WebElement bar = browser.find(By.cssSelector("[data-testid=alert-progress]"));
    return bar.getAttribute("data-done") + "/" + bar.getAttribute("data-total");
  }

  private void assertNoWashingtonData() {
    String page = browser.driver.getPageSource();
    assertThat(page).doesNotContain(WASHINGTON_EMBASSY).doesNotContain("Carlos Embajador").doesNotContain(washingtonStaff.get(0));
    assertThat(browser.driver.findElements(By.cssSelector("[data-office=WAS], [data-mission='" + washington + "']"))).isEmpty();
  }

  private void signInOnKeycloak(String username, String screenshot) {
    browser.awaitAddress(system.keycloak.issuer() + "/protocol/openid-connect/auth", SIGN_IN_LIMIT);
    browser.find(By.id("kc-form-login"));
    if (screenshot != null) {
      browser.screenshot(screenshot);
    }
    browser.find(By.id("username")).sendKeys(username);
    browser.find(By.id("password")).sendKeys(KeycloakServer.DEMO_PASSWORD);
    // The click starts a redirect chain across two sites (Keycloak, then the gateway): the driver
    // does not wait on it, the test waits for where it leads.
    browser.clickAndLeave(browser.find(By.id("kc-login")));
    try {
      browser.awaitAddress(system.gateway.baseUrl() + "/console/", SIGN_IN_LIMIT);
    } catch (TimeoutException signInHung) {
      // Twice in CI the sign-in hung here after Keycloak had accepted the password. The cause was
      // Reactor Netty 1.3.6 in the gateway: it stopped reading the browser's kept-alive connection,
      // so the callback with the code was never read; once that connection closed (about 90 s on)
      // the gateway read it at last, past the code's 60 s, and Keycloak logged the code "already
      // used" (its words for a code it no longer holds). Fixed with Reactor Netty 1.3.9; kept as a guard,
      // said rather than hidden: the test asks the console again, as a user would, and Keycloak's
      // session holds, so no password is typed again.
      System.out.println(
          "ConsoleBrowserIT: the sign-in of " + username + " hung after Keycloak took the password; opening the console again ("
              + signInHung.getMessage().lines().findFirst().orElse("") + ")");
      try {
        browser.driver.get(system.gateway.baseUrl() + "/console/");
      } catch (TimeoutException stillRedirecting) {
        // the address is awaited below
      }
      browser.awaitAddress(system.gateway.baseUrl() + "/console/", SIGN_IN_LIMIT);
    }
  }

  private WebElement missionCard(String missionId) {
    return browser.find(By.cssSelector("[data-testid=mission-card][data-mission='" + missionId + "']"));
  }

  private void openAction(String action) {
    WebElement details = browser.find(By.cssSelector("details[data-action=" + action + "]"));
    if (details.getAttribute("open") == null) {
      details.findElement(By.tagName("summary")).click();
    }
  }

  private void designate(String staffId) {
    click("tr[data-staff='" + staffId + "'] [data-action=designate]");
  }

  private static void click(String css) {
    browser.find(By.cssSelector(css)).click();
  }

  /** A datetime-local input takes its value as the page's script does: typing depends on the browser's locale. */
  private static void setDateTime(String css, String value) {
    browser.driver.executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", browser.find(By.cssSelector(css)), value);
  }

  private static void type(String css, String text) {
    WebElement field = browser.find(By.cssSelector(css));
    field.clear();
    field.sendKeys(text);
  }

  private static String text(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private static Map<String, Object> mission(String office, String name, String sending, String receiving, String city, String zone) {
    return Map.of("officeCode", office, "kind", "EMBASSY", "name", name, "sendingState", sending, "receivingState", receiving, "city", city, "timeZone", zone);
  }

  private static Map<String, Object> staff(String fullName, String category, String nationality) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fullName", fullName);
    body.put("category", category);
    body.put("nationality", nationality);
    body.put("email", fullName.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "@mppre.example");
    body.put("phone", "+1202555" + (1000 + Math.abs(fullName.hashCode() % 8999)));
    body.put("preferredLanguage", "es");
    return body;
  }

  private static String registerOnceMissionIsKnown(GatewayClient officer, String missionId, Map<String, Object> member) {
    Map<String, Object> body = new LinkedHashMap<>(member);
    body.put("missionId", missionId);
    String[] id = new String[1];
    // Personnel learns of the mission from the MissionRegistered event; until then it refuses.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      GatewayClient.Response response = officer.post("/api/staff", body, "console-setup");
      if (response.status() == 201) {
        id[0] = response.body().path("id").asString();
        return true;
      }
      assertThat(response.body().path("title").asString()).as(response.body().toString()).isEqualTo("Unknown mission");
      return false;
    });
    return id[0];
  }

  private static String created(GatewayClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().path("id").asString();
  }
}
