package org.interestsoffice.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events this service's consumers gave up on, kept in its database until an administrator
 * re-drives them. A re-drive goes through the outbox, to the queue the event failed in (through the
 * default exchange), so it is published with confirms and never lost either; the event keeps its
 * id, and since its failed handling was rolled back, the inbox handles it as new.
 */
public class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  /**
   * @param queue the queue (broker name) the event failed in
   * @param status {@code WAITING} for an administrator, or {@code REDRIVEN}
   */
  public record DeadLetter(
      UUID id,
      String queue,
      UUID eventId,
      String eventType,
      String officeCode,
      String reason,
      Instant deadLetteredAt,
      int times,
      String status,
      int redriveCount,
      Instant lastRedrivenAt,
      String lastRedrivenBy) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final Outbox outbox;

  public DeadLetters(JdbcClient jdbc, JsonMapper json, Clock clock, Outbox outbox) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.outbox = outbox;
  }

  /** Keeps a message a consumer of {@code queue} gave up on; the same event again updates its row. */
  public void keep(String queue, Message message, String reason) {
    String messageId = message.getMessageProperties().getMessageId();
    JsonNode envelope = readQuietly(message.getBody());
    UUID eventId = uuidOrNull(messageId != null ? messageId : text(envelope, "eventId"));
    jdbc.sql(
            """
            insert into platform.dead_letter (id, queue, event_id, event_type, office_code, reason, body, dead_lettered_at, status)
            values (:id, :queue, :eventId, :type, :office, :reason, :body, :at, 'WAITING')
            on conflict (queue, event_id) do update
              set reason = excluded.reason, body = excluded.body, dead_lettered_at = excluded.dead_lettered_at,
                  times = platform.dead_letter.times + 1, status = 'WAITING'
            """)
        .param("id", UUID.randomUUID())
        .param("queue", queue)
        .param("eventId", eventId)
        .param("type", text(envelope, "type"))
        .param("office", text(envelope, "officeCode"))
        .param("reason", reason == null || reason.isBlank() ? "unknown" : abbreviate(reason))
        .param("body", message.getBody())
        .param("at", Timestamp.from(clock.instant()))
        .update();
  }

  /** Every dead letter, newest first; {@code waitingOnly} leaves out those already re-driven. */
  public List<DeadLetter> list(boolean waitingOnly) {
    return jdbc.sql(
            """
            select * from platform.dead_letter where (:waitingOnly = false or status = 'WAITING')
            order by dead_lettered_at desc, id
            """)
        .param("waitingOnly", waitingOnly)
        .query(DeadLetters::map)
        .list();
  }

  public Optional<DeadLetter> find(UUID id) {
    return jdbc.sql("select * from platform.dead_letter where id = :id").param("id", id).query(DeadLetters::map).optional();
  }

  /**
   * Puts the event back on its queue, through the outbox, in the caller's transaction.
   *
   * @return the dead letter as it is now, or empty if there is none with that id
   */
  public Optional<DeadLetter> redrive(UUID id, String by) {
    Optional<StoredBody> stored =
        jdbc.sql("select queue, event_id, event_type, body from platform.dead_letter where id = :id for update")
            .param("id", id)
            .query((rs, row) -> new StoredBody(rs.getString("queue"), rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getBytes("body")))
            .optional();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    StoredBody body = stored.get();
    if (body.eventId() == null) {
      throw new IllegalStateException("Dead letter " + id + " has no event id: it was unreadable and cannot be re-driven");
    }
    outbox.redeliver(body.queue(), body.eventId(), body.eventType() == null ? "unknown" : body.eventType(), new String(body.body(), StandardCharsets.UTF_8));
    jdbc.sql(
            """
            update platform.dead_letter
            set status = 'REDRIVEN', redrive_count = redrive_count + 1, last_redriven_at = :at, last_redriven_by = :by
            where id = :id
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("by", by)
        .param("id", id)
        .update();
    log.atInfo().addKeyValue("deadLetterId", id).addKeyValue("eventId", body.eventId()).log("Dead letter re-driven to {}", body.queue());
    return find(id);
  }

  /** Whether the body can be re-driven: only a readable envelope with an id can be handled again. */
  public boolean canRedrive(DeadLetter deadLetter) {
    return deadLetter.eventId() != null && deadLetter.eventType() != null;
  }

  private record StoredBody(String queue, UUID eventId, String eventType, byte[] body) {}

  private JsonNode readQuietly(byte[] body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode envelope, String field) {
    if (envelope == null || !envelope.isObject() || !envelope.path(field).isString()) {
      return null;
    }
    return envelope.path(field).asString();
  }

  private static UUID uuidOrNull(String text) {
    try {
      return text == null ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String abbreviate(String reason) {
    return reason.length() <= 2000 ? reason : reason.substring(0, 2000) + "…";
  }

  private static DeadLetter map(ResultSet rs, int row) throws SQLException {
    Timestamp redriven = rs.getTimestamp("last_redriven_at");
    return new DeadLetter(
        rs.getObject("id", UUID.class),
        rs.getString("queue"),
        rs.getObject("event_id", UUID.class),
        rs.getString("event_type"),
        rs.getString("office_code"),
        rs.getString("reason"),
        rs.getTimestamp("dead_lettered_at").toInstant(),
        rs.getInt("times"),
        rs.getString("status"),
        rs.getInt("redrive_count"),
        redriven == null ? null : redriven.toInstant(),
        rs.getString("last_redriven_by"));
  }
}
