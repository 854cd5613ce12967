package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.interestsoffice.system.TraceCollector.CollectedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per rupture, across the four processes: the gateway starts it with the request, missions
 * continues it and keeps it with its events, RabbitMQ carries it to personnel and on to
 * notifications, and the alert's email (the SMTP session) and SMS (the provider's call) are spans of
 * it. The services export over OTLP to the test's collector, as they would to an OpenTelemetry
 * collector in production; their JSON logs carry the same trace id.
 */
class RuptureTraceEndToEndIT {

  private static final String DIPLOMAT = "Tracy Attache";

  private static RunningSystem system;

  @BeforeAll
  static void startTheSystem() {
    system = RunningSystem.get();
  }

  @Test
  void theSpansOfOneRuptureShareOneTraceFromTheGatewayToTheSmtpSendAndTheSmsProvider() {
    GatewayClient head = system.as("ccs.head");
    GatewayClient officer = system.as("ccs.officer");
    String missionId = Staffing.created(head.post("/api/missions", mission(), "trace-mission"));
    Staffing.registerOnceMissionIsKnown(officer, missionId, Staffing.staff(DIPLOMAT, "DIPLOMATIC_AGENT", null));

    Instant noteReceivedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    GatewayClient.Response rupture =
        head.post(
            "/api/missions/" + missionId + "/rupture",
            Map.of(
                "noteReference", "MPPRE-TRACE-" + UUID.randomUUID(),
                "noteReceivedAt", noteReceivedAt.toString(),
                "departureWindow", "PT72H",
                "consularPostsClosed", true),
            "trace-rupture");
    assertThat(rupture.status()).as(rupture.body().toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60))
        .until(
            () -> !Captures.mailTo(system, List.of(Staffing.emailOf(DIPLOMAT))).isEmpty()
                && !Captures.smsTo(system, List.of(Staffing.phoneOf(DIPLOMAT))).isEmpty());

    // The trace the gateway started for the rupture request: its span names the request's path.
    String rupturePath = "/api/missions/" + missionId + "/rupture";
    CollectedSpan atTheGateway =
        await().atMost(Duration.ofSeconds(30))
            .until(
                () -> system.traces.spans().stream()
                    .filter(span -> span.service().equals("gateway"))
                    .filter(span -> span.attributes().values().stream().anyMatch(value -> value.contains(rupturePath)))
                    .filter(span -> isRoot(span))
                    .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    String traceId = atTheGateway.traceId();

    // Every process has spans in it, down to the email and the SMS of the alert.
    List<CollectedSpan> trace =
        await().atMost(Duration.ofSeconds(30))
            .until(
                () -> system.traces.trace(traceId),
                spans -> servicesOf(spans).containsAll(Set.of("gateway", "missions-service", "personnel-service", "notifications-service"))
                    && namesIn(spans, "notifications-service").containsAll(Set.of("send email", "send sms"))
                    && unattached(spans).isEmpty());
    assertThat(trace).filteredOn(RuptureTraceEndToEndIT::isRoot).as("one root: the gateway's span of the request").containsExactly(atTheGateway);
    assertThat(namesIn(trace, "missions-service")).contains("publish RelationsSevered");
    assertThat(namesIn(trace, "personnel-service")).contains("consume RelationsSevered", "publish DepartureOrdered");
    assertThat(namesIn(trace, "notifications-service")).contains("consume DepartureOrdered", "send email", "send sms");
    // Every span but the root hangs from another span of the same trace: nothing was cut off.
    assertThat(unattached(trace)).isEmpty();

    // For whoever reads the test's output: the trace, span by span.
    System.out.println("Rupture trace " + traceId + ":\n" + trace.stream().map(span -> "  " + span.service() + ": " + span.name()).collect(Collectors.joining("\n")));

    // The logs of the consumers carry the trace id beside the correlation id.
    assertThat(system.personnel.logText()).contains(traceId);
    assertThat(system.notifications.logText()).contains(traceId);
  }

  /** The spans, other than the root, whose parent is not among the spans. */
  private static List<CollectedSpan> unattached(List<CollectedSpan> spans) {
    Set<String> spanIds = spans.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
    return spans.stream().filter(span -> !isRoot(span) && !spanIds.contains(span.parentSpanId())).toList();
  }

  private static boolean isRoot(CollectedSpan span) {
    return span.parentSpanId().isEmpty() || span.parentSpanId().chars().allMatch(c -> c == '0');
  }

  private static Set<String> servicesOf(List<CollectedSpan> spans) {
    return spans.stream().map(CollectedSpan::service).collect(Collectors.toSet());
  }

  private static Set<String> namesIn(List<CollectedSpan> spans, String service) {
    return spans.stream().filter(span -> span.service().equals(service)).map(CollectedSpan::name).collect(Collectors.toSet());
  }

  private static Map<String, Object> mission() {
    return Map.of(
        "officeCode", "CCS",
        "kind", "EMBASSY",
        "name", "Embassy of the United States in Caracas (traced)",
        "sendingState", "US",
        "receivingState", "VE",
        "city", "Caracas",
        "timeZone", "America/Caracas");
  }
}
