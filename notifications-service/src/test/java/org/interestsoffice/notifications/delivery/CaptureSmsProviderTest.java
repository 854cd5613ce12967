package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.DeliveryKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/** The development capture honours the Idempotency-Key as a real provider does, across restarts and instances. */
class CaptureSmsProviderTest {

  @TempDir Path directory;

  private final JsonMapper json = JsonMapper.builder().build();
  private final Clock clock = Clock.fixed(Instant.parse("2019-01-23T18:00:00Z"), ZoneOffset.UTC);

  @Test
  void aMessageSentAgainUnderItsKeyIsCapturedOnceEvenByAnotherInstanceOrAfterARestart() throws Exception {
    Path file = directory.resolve("sms.jsonl");
    UUID alert = UUID.randomUUID();
    Outgoing message = new Outgoing(new DeliveryKey(alert, 0), "+582125550100", null, "Leave by ...");

    Outcome first = provider(file).send(message);
    Outcome again = provider(file).send(message); // another instance, or the same one restarted
    Outcome redriven = provider(file).send(new Outgoing(new DeliveryKey(alert, 1), "+582125550100", null, "Leave by ..."));

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(json.readTree(lines.get(0)).path("idempotencyKey").asString()).isEqualTo(alert.toString());
    assertThat(json.readTree(lines.get(0)).path("reference").asString()).isEqualTo(alert.toString());
    assertThat(json.readTree(lines.get(1)).path("idempotencyKey").asString()).isEqualTo(alert + "-r1");
    assertThat(again).as("the id it got the first time").isEqualTo(first);
    assertThat(redriven).isNotEqualTo(first);
  }

  @Test
  void linesWrittenBeforeKeysWereCapturedCountUnderTheirAlert() throws Exception {
    Path file = directory.resolve("sms.jsonl");
    UUID alert = UUID.randomUUID();
    Files.writeString(file, "{\"id\":\"capture-old\",\"to\":\"+582125550100\",\"text\":\"x\",\"reference\":\"" + alert + "\",\"at\":\"2019-01-23T18:00:00Z\"}\n");

    Outcome sent = provider(file).send(new Outgoing(new DeliveryKey(alert, 0), "+582125550100", null, "x"));

    assertThat(sent).isEqualTo(new Outcome.Sent("capture-old"));
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  private CaptureSmsProvider provider(Path file) throws Exception {
    return new CaptureSmsProvider(new SmsSettings("capture", 1, 0, file, null, null, ""), json, clock);
  }
}
