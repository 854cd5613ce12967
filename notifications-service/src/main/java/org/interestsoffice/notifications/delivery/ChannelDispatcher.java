package org.interestsoffice.notifications.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.interestsoffice.notifications.acknowledgement.AcknowledgementLinks;
import org.interestsoffice.notifications.alerts.AlertSettings;
import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.AlertTexts;
import org.interestsoffice.notifications.alerts.AlertTexts.Content;
import org.interestsoffice.notifications.alerts.AlertTexts.Kind;
import org.interestsoffice.notifications.alerts.Audience;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DeliveryLog;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.platform.work.Backoff;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one channel's queued alerts, in batches, on several threads. Each thread claims a batch
 * with {@code FOR UPDATE SKIP LOCKED}, so no two threads or instances ever send the same alert;
 * renders each message from the person's contact details as they are now, with a fresh
 * acknowledgement link; hands the whole batch to the channel (one SMTP connection for a batch of
 * emails); and records every outcome in the same transaction as the claim.
 *
 * <p>The one window left: a crash after the channel accepted a message and before the commit that
 * marks it sent. Those alerts, at most one batch per thread, are sent again when their locks are
 * released; the email keeps the same {@code Message-ID} and the SMS request the same
 * {@code Idempotency-Key}, so a mail client or an SMS provider that honours them shows it once.
 */
abstract class ChannelDispatcher extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);
  private static final String ACK_LINK_STORED = "{ackLink}";

  private final Channel channel;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final AlertSettings settings;
  private final Backoff backoff;
  private final DeliveryLog deliveryLog;
  private final AcknowledgementLinks links;
  private final String instance;
  private final Counter sentAttempts;
  private final Counter retriedAttempts;
  private final Counter deadAttempts;

  ChannelDispatcher(
      Channel channel,
      int threads,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      AlertSettings settings,
      DeliveryLog deliveryLog,
      AcknowledgementLinks links,
      MeterRegistry meters,
      String instance) {
    super(channel.name().toLowerCase() + "-dispatcher", settings.pollInterval(), Duration.ofSeconds(30), threads);
    this.channel = channel;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.settings = settings;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.deliveryLog = deliveryLog;
    this.links = links;
    this.instance = instance;
    this.sentAttempts = outcomes(meters, "sent");
    this.retriedAttempts = outcomes(meters, "retrying");
    this.deadAttempts = outcomes(meters, "dead");
  }

  private Counter outcomes(MeterRegistry meters, String outcome) {
    return Counter.builder("notifications.alerts.attempts")
        .description("Attempts to deliver alerts, by channel and outcome")
        .tag("channel", channel.name())
        .tag("outcome", outcome)
        .register(meters);
  }

  Channel channel() {
    return channel;
  }

  /**
   * Sends the batch and says what became of each message, in the same order. Must not throw for a
   * failed message: a failure is an outcome.
   */
  protected abstract List<Outcome> send(List<Outgoing> batch);

  /** The address of this channel for the person: their email or their phone. */
  protected abstract String addressOf(DueAlert alert);

  /** Why this address can never work on this channel, or null if it may. */
  protected abstract String unusable(String address);

  /** An alert claimed for sending, with the contact details it will be rendered from. */
  record DueAlert(
      UUID id,
      UUID staffId,
      String slot,
      Audience audience,
      String officeCode,
      String recipient,
      String language,
      int attempts,
      String missionName,
      String missionTimeZone,
      Timestamp dueAt,
      String deadlineStatus,
      String change,
      Long reminderOffsetSeconds,
      String contactName,
      String contactEmail,
      String contactPhone,
      String contactLanguage) {

    boolean contactKnown() {
      return contactName != null;
    }
  }

  private record Prepared(DueAlert alert, Outgoing message, String language, String storedBody) {}

  @Override
  protected boolean workBatch() {
    Integer claimed =
        transactions.execute(
            status -> {
              List<DueAlert> due = claimDue();
              List<Prepared> ready = new ArrayList<>();
              for (DueAlert alert : due) {
                try {
                  prepare(alert, ready);
                } catch (RuntimeException e) {
                  // One alert that cannot be rendered must not hold up the others: it is visibly dead.
                  record(alert, null, new Outcome.Failed("Cannot be rendered: " + e, true));
                }
              }
              if (!ready.isEmpty()) {
                List<Outcome> outcomes = send(ready.stream().map(Prepared::message).toList());
                for (int i = 0; i < ready.size(); i++) {
                  record(ready.get(i), outcomes.get(i));
                }
              }
              return due.size();
            });
    return claimed != null && claimed == settings.batchSize();
  }

  private List<DueAlert> claimDue() {
    return jdbc.sql(
            """
            select a.id, a.staff_id, a.slot, a.audience, a.office_code, a.recipient, a.language, a.attempts, a.mission_name,
                   a.mission_time_zone, a.due_at, a.deadline_status, a.change, a.reminder_offset_seconds,
                   c.full_name, c.email, c.phone, c.language as contact_language
            from alert a left join staff_contact c on c.staff_id = a.staff_id
            where a.channel = :channel and a.status in ('QUEUED', 'RETRYING') and a.next_attempt_at <= now()
            order by a.next_attempt_at, a.created_at
            limit :batchSize
            for update of a skip locked
            """)
        .param("channel", channel.name())
        .param("batchSize", settings.batchSize())
        .query(ChannelDispatcher::due)
        .list();
  }

  private void prepare(DueAlert alert, List<Prepared> ready) {
    if (alert.audience() == Audience.STAFF && !alert.contactKnown()) {
      waitForContact(alert);
      return;
    }
    String address = alert.audience() == Audience.STAFF ? addressOf(alert) : alert.recipient();
    String problem = address == null || address.isBlank() ? "No " + channel.name().toLowerCase() + " address" : unusable(address);
    if (problem != null) {
      record(alert, address, new Outcome.Failed(problem, true));
      return;
    }
    String language = alert.audience() == Audience.STAFF ? alert.contactLanguage() : alert.language();
    String recipientName = alert.audience() == Audience.STAFF ? alert.contactName() : alert.recipient();
    Content content = contentOf(alert);
    // The link is made now, per attempt, so the raw token is never stored (see AcknowledgementLinks).
    String link = alert.audience() == Audience.STAFF ? links.issue(alert.id()) : null;
    AlertTexts.Rendered rendered = AlertTexts.render(content, channel, language, recipientName, link);
    String stored = link == null ? rendered.text() : rendered.text().replace(link, ACK_LINK_STORED);
    ready.add(new Prepared(alert, new Outgoing(alert.id(), address, rendered.subject(), rendered.text()), language, stored));
  }

  private static Content contentOf(DueAlert alert) {
    Kind kind;
    if (Slot.ORDER.equals(alert.slot())) {
      kind = Kind.ORDER;
    } else if (Slot.DEADLINE_CHANGED.equals(alert.slot())) {
      kind = "SUSPENDED".equals(alert.deadlineStatus()) ? Kind.SUSPENDED : Kind.CHANGED;
    } else if (Slot.isReminder(alert.slot())) {
      kind = Kind.REMINDER;
    } else {
      kind = Kind.ESCALATION;
    }
    return new Content(
        kind,
        alert.change(),
        alert.missionName(),
        ZoneId.of(alert.missionTimeZone()),
        alert.dueAt() == null ? null : alert.dueAt().toInstant(),
        alert.reminderOffsetSeconds() == null ? null : Duration.ofSeconds(alert.reminderOffsetSeconds()),
        alert.contactName() == null ? "A staff member (" + alert.staffId() + ")" : alert.contactName(),
        alert.officeCode());
  }

  private void waitForContact(DueAlert alert) {
    // Not an attempt: nothing was tried. It is woken as soon as the details arrive.
    String error = "No contact details for this person yet";
    jdbc.sql(
            """
            update alert set status = 'RETRYING', last_error = :error,
                             next_attempt_at = now() + make_interval(secs => :waitSeconds)
            where id = :id
            """)
        .param("error", error)
        .param("waitSeconds", settings.contactWait().toMillis() / 1000.0)
        .param("id", alert.id())
        .update();
    if (!error.equals(lastErrorOf(alert.id()))) {
      deliveryLog.record(alert.id(), channel, AlertStatus.RETRYING, error);
    }
  }

  private String lastErrorOf(UUID alertId) {
    return jdbc.sql("select error from delivery_attempt where alert_id = :id order by id desc limit 1")
        .param("id", alertId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private void record(Prepared prepared, Outcome outcome) {
    if (outcome instanceof Outcome.Sent sent) {
      jdbc.sql(
              """
              update alert set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null,
                               recipient = :recipient, language = :language, subject = :subject, body = :body,
                               provider_message_id = :providerMessageId, sent_by = :instance
              where id = :id
              """)
          .param("recipient", prepared.message().to())
          .param("language", prepared.language())
          .param("subject", prepared.message().subject())
          .param("body", prepared.storedBody())
          .param("providerMessageId", sent.providerMessageId())
          .param("instance", instance)
          .param("id", prepared.alert().id())
          .update();
      deliveryLog.record(prepared.alert().id(), channel, AlertStatus.SENT, null);
      // Counted when the transaction commits: a rolled-back batch sent nothing that counts.
      afterCommit(sentAttempts);
    } else {
      record(prepared.alert(), prepared.message().to(), (Outcome.Failed) outcome);
    }
  }

  private void record(DueAlert alert, String address, Outcome.Failed failure) {
    int attempts = alert.attempts() + 1;
    boolean gaveUp = failure.permanent() || attempts >= settings.maxAttempts();
    Duration delay = backoff.withJitterAfter(attempts);
    // The address is personal data, and a server's refusal often quotes it: the log names the
    // alert only; the error itself is in the alert's delivery log, for those who may read it.
    log.atWarn()
        .addKeyValue("alertId", alert.id())
        .addKeyValue("channel", channel)
        .addKeyValue("attempt", attempts)
        .log("{} alert not sent ({} failure); {}", channel, failure.permanent() ? "permanent" : "transient", gaveUp ? "giving up" : "retrying in " + delay);
    AlertStatus status = gaveUp ? AlertStatus.DEAD : AlertStatus.RETRYING;
    jdbc.sql(
            """
            update alert set status = :status, attempts = :attempts, last_error = :error, recipient = coalesce(:recipient, recipient),
                             next_attempt_at = now() + make_interval(secs => :backoffSeconds)
            where id = :id
            """)
        .param("status", status.name())
        .param("attempts", attempts)
        .param("error", failure.error())
        .param("recipient", address)
        .param("backoffSeconds", delay.toMillis() / 1000.0)
        .param("id", alert.id())
        .update();
    deliveryLog.record(alert.id(), channel, status, failure.error());
    afterCommit(gaveUp ? deadAttempts : retriedAttempts);
  }

  private static void afterCommit(Counter counter) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            counter.increment();
          }
        });
  }

  private static DueAlert due(ResultSet rs, int row) throws SQLException {
    return new DueAlert(
        rs.getObject("id", UUID.class),
        rs.getObject("staff_id", UUID.class),
        rs.getString("slot"),
        Audience.valueOf(rs.getString("audience")),
        rs.getString("office_code"),
        rs.getString("recipient"),
        rs.getString("language"),
        rs.getInt("attempts"),
        rs.getString("mission_name"),
        rs.getString("mission_time_zone"),
        rs.getTimestamp("due_at"),
        rs.getString("deadline_status"),
        rs.getString("change"),
        rs.getObject("reminder_offset_seconds", Long.class),
        rs.getString("full_name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("contact_language"));
  }
}
