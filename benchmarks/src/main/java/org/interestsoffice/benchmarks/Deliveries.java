package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.interestsoffice.testing.Database;

import tools.jackson.databind.json.JsonMapper;

/** What reached the people: the SMTP server's messages and the SMS capture's lines, checked one per person. */
final class Deliveries {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Deliveries() {}

  /**
   * Exactly one email and one SMS per person: none lost, none twice; names the first wrong one. The
   * emails are those the server took since {@link Receipts#clear()}, counted by recipient.
   */
  static void checkExactlyOnce(Receipts emails, Path smsCapture, int staff) throws IOException {
    Map<String, Integer> sms = new HashMap<>();
    for (String line : Files.readAllLines(smsCapture, StandardCharsets.UTF_8)) {
      sms.merge(JSON.readTree(line).path("to").asString(), 1, Integer::sum);
    }
    check("emails", emails.perRecipient(), staff);
    check("SMS", sms, staff);
  }

  private static void check(String channel, Map<String, Integer> received, int staff) {
    received.forEach(
        (to, count) -> {
          if (count != 1) {
            throw new IllegalStateException(count + " " + channel + " to " + to);
          }
        });
    if (received.size() != staff) {
      throw new IllegalStateException(received.size() + " people got " + channel + ", of " + staff);
    }
  }

  /** How many events of this type the service's inbox has taken (its processed-event records). */
  static int processed(Database database, String type) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        PreparedStatement statement = connection.prepareStatement("select count(*) from platform.processed_event where event_type = ?")) {
      statement.setString(1, type);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Waits until the service's inbox has taken {@code count} events of the type; fails if it died or took longer than {@code limit}. */
  static void awaitProcessed(Database database, int count, String type, ServiceJar service, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (processed(database, type) < count) {
      if (!service.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("notifications did not take the " + count + " " + type + " events");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Counts the SMS capture's lines as it grows, reading only what was added since the last count: a
   * capture of 200,000 messages is not read again every few hundred milliseconds.
   */
  static final class CaptureCounter {
    private final Path file;
    private long position;
    private int lines;

    CaptureCounter(Path file) {
      this.file = file;
    }

    /** Lines in the capture so far (one per message). */
    int lines() throws IOException {
      if (!Files.exists(file)) {
        return 0;
      }
      try (var channel = java.nio.channels.FileChannel.open(file)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
        channel.position(position);
        int read;
        while ((read = channel.read(buffer)) > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer.get(i) == '\n') {
              lines++;
            }
          }
          position += read;
          buffer.clear();
        }
      }
      return lines;
    }
  }
}
