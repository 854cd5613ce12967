package org.interestsoffice.notifications.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Development's SMS provider: appends each message to a file, one JSON object per line
 * ({@code {"id", "to", "text", "reference", "at"}}), where a developer (or a test) reads what would
 * have been sent. Nothing leaves the machine.
 */
@Component
@ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "capture", matchIfMissing = true)
class CaptureSmsProvider implements SmsProvider {

  private final Path file;
  private final JsonMapper json;
  private final Clock clock;

  CaptureSmsProvider(SmsSettings settings, JsonMapper json, Clock clock) throws IOException {
    this.file = settings.captureFileOrDefault().toAbsolutePath();
    this.json = json;
    this.clock = clock;
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
  }

  @Override
  public Outcome send(Outgoing message) {
    String id = "capture-" + UUID.randomUUID();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", id);
    line.put("to", message.to());
    line.put("text", message.text());
    line.put("reference", message.alertId().toString());
    line.put("at", clock.instant().toString());
    byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      // One write per line, appended: lines from several threads never interleave.
      synchronized (this) {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      return new Outcome.Sent(id);
    } catch (IOException e) {
      return Outcome.Failed.transientFailure("Capture file not writable: " + e.getMessage());
    }
  }
}
