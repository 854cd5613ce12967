package org.interestsoffice.notifications.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Development's SMS provider: appends each message to a file, one JSON object per line
 * ({@code {"id", "to", "text", "reference", "idempotencyKey", "at"}}), where a developer (or a test)
 * reads what would have been sent. Nothing leaves the machine.
 *
 * <p>It honours the {@code Idempotency-Key} as a real provider does: a message whose key is already
 * in the file (sent again after a crash before the commit, by this instance or another writing the
 * same file) is not written twice, and gets the id it got the first time. The file is locked while
 * it is read and appended to, so instances sharing it agree.
 */
@Component
@ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "capture", matchIfMissing = true)
class CaptureSmsProvider implements SmsProvider {

  // A file lock is held per JVM, not per thread: two providers of one JVM take turns here first.
  private static final Object IN_THIS_JVM = new Object();

  private final Path file;
  private final JsonMapper json;
  private final Clock clock;
  /** Keys already in the file (up to {@link #readUpTo}), with the id each message got. */
  private final Map<String, String> idByKey = new HashMap<>();
  private long readUpTo;

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
    String key = message.idempotencyKey();
    try {
      // One writer at a time, in this process and across processes: lines never interleave, and a
      // key is looked up and written as one step.
      synchronized (IN_THIS_JVM) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          readNewLines(channel);
          String taken = idByKey.get(key);
          if (taken != null) {
            return new Outcome.Sent(taken);
          }
          String id = "capture-" + UUID.randomUUID();
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("id", id);
          line.put("to", message.to());
          line.put("text", message.text());
          line.put("reference", message.alertId().toString());
          line.put("idempotencyKey", key);
          line.put("at", clock.instant().toString());
          byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
          channel.write(ByteBuffer.wrap(bytes), channel.size());
          readUpTo = channel.size();
          idByKey.put(key, id);
          return new Outcome.Sent(id);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return Outcome.Failed.transientFailure("Capture file not writable: " + e.getMessage());
    }
  }

  /** Learns the keys of the lines written since the last look (by anyone). */
  private void readNewLines(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < readUpTo) {
      // The file was emptied or replaced: start over.
      idByKey.clear();
      readUpTo = 0;
    }
    if (size == readUpTo) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) (size - readUpTo));
    long position = readUpTo;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        break;
      }
      position += read;
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    int complete = text.lastIndexOf('\n') + 1;
    for (String line : text.substring(0, complete).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode captured = json.readTree(line);
        // Lines written before keys were captured name the alert only, which was the key then.
        String key = captured.path("idempotencyKey").asString(captured.path("reference").asString(""));
        if (!key.isEmpty()) {
          idByKey.put(key, captured.path("id").asString(""));
        }
      } catch (RuntimeException e) {
        // A line someone else wrote by hand, or cut short: not a message of ours.
      }
    }
    readUpTo += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
  }
}
