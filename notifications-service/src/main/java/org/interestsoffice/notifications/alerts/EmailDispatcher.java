package org.interestsoffice.notifications.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.interestsoffice.notifications.acknowledgement.AcknowledgementLinks;
import org.interestsoffice.platform.work.Backoff;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued email alerts over SMTP. Alerts are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * several instances never send the same one. The one window left is a crash after the SMTP server
 * accepted a message and before the commit that marks it sent: that alert is sent again on
 * restart, bounded to the alerts of one batch.
 */
@Component
public class EmailDispatcher extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JavaMailSender mail;
  private final AlertSettings settings;
  private final Backoff backoff;
  private final DeliveryLog deliveryLog;
  private final AcknowledgementLinks links;

  EmailDispatcher(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JavaMailSender mail,
      AlertSettings settings,
      DeliveryLog deliveryLog,
      AcknowledgementLinks links) {
    super("email-dispatcher", settings.pollInterval(), Duration.ofSeconds(30));
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.mail = mail;
    this.settings = settings;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.deliveryLog = deliveryLog;
    this.links = links;
  }

  private record DueEmail(UUID id, String recipient, String subject, String body, int attempts) {}

  @Override
  protected boolean workBatch() {
    Integer claimed =
        transactions.execute(
            status -> {
              List<DueEmail> due = claimDue();
              due.forEach(this::send);
              return due.size();
            });
    return claimed != null && claimed == settings.batchSize();
  }

  private List<DueEmail> claimDue() {
    return jdbc.sql(
            """
            select id, recipient, subject, body, attempts from alert
            where channel = 'EMAIL' and status in ('QUEUED', 'RETRYING') and next_attempt_at <= now()
            order by created_at
            limit :batchSize
            for update skip locked
            """)
        .param("batchSize", settings.batchSize())
        .query(
            (rs, row) ->
                new DueEmail(
                    rs.getObject("id", UUID.class),
                    rs.getString("recipient"),
                    rs.getString("subject"),
                    rs.getString("body"),
                    rs.getInt("attempts")))
        .list();
  }

  private void send(DueEmail email) {
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(settings.mailFrom());
      helper.setTo(email.recipient());
      helper.setSubject(email.subject());
      // The link is made now, per attempt, so the raw token is never stored (see AcknowledgementLinks).
      helper.setText(email.body().replace(DepartureAlertText.ACK_LINK, links.issue(email.id())));
      mail.send(message);
      jdbc.sql("update alert set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null where id = :id")
          .param("id", email.id())
          .update();
      deliveryLog.record(email.id(), "EMAIL", AlertStatus.SENT, null);
    } catch (MailException | MessagingException e) {
      failed(email, e);
    }
  }

  private void failed(DueEmail email, Exception failure) {
    int attempts = email.attempts() + 1;
    boolean permanent = failure instanceof MailParseException || failure instanceof MailPreparationException
        || failure instanceof MessagingException;
    boolean dead = permanent || attempts >= settings.maxAttempts();
    Duration delay = backoff.after(attempts);
    // The address is personal data: log the alert id, never the recipient.
    log.atWarn()
        .addKeyValue("alertId", email.id())
        .addKeyValue("attempt", attempts)
        .log("Email alert not sent ({}); {}", failure.getClass().getSimpleName(), dead ? "giving up" : "retrying in " + delay);
    String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    AlertStatus status = dead ? AlertStatus.DEAD : AlertStatus.RETRYING;
    jdbc.sql(
            """
            update alert set status = :status, attempts = :attempts, last_error = :error,
                             next_attempt_at = now() + make_interval(secs => :backoffSeconds)
            where id = :id
            """)
        .param("status", status.name())
        .param("attempts", attempts)
        .param("error", error)
        .param("backoffSeconds", delay.toMillis() / 1000.0)
        .param("id", email.id())
        .update();
    deliveryLog.record(email.id(), "EMAIL", status, error);
  }
}
