package org.interestsoffice.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.calendar.CalendarEntry;
import org.interestsoffice.notifications.contacts.Contact;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP. Each dispatcher thread keeps its connection to the server open from batch to
 * batch ({@link SmtpConnections}): the rupture benchmark found a new connection per batch (the
 * greeting, EHLO, and on a real server TLS and login) costing more than the messages it carried.
 * A refusal with a 5xx reply (unknown mailbox, message rejected) is permanent; anything else
 * (server down, 4xx, a dropped connection) is retried.
 */
@Component
class EmailSender implements ChannelAdapter {

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  /**
   * The Date header (RFC 5322 §3.3), in UTC. Written with java.time rather than by
   * {@code setSentDate}, whose one formatter for the whole JVM is synchronized.
   */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  static {
    // Jakarta Mail looks its stream provider up for every body part it makes and writes, and
    // without this property that is a ServiceLoader scan of the whole classpath (the fat jar's
    // hundred nested jars): the rupture benchmark's profile found most of the email workers' time
    // there. Naming the one provider the classpath has makes it a class lookup.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final SmtpConnections connections;
  private final Session session;
  private final EmailSettings email;
  private final RateLimiter rate;
  private final Clock clock;

  EmailSender(JavaMailSenderImpl mail, EmailSettings email, Clock clock) {
    this.connections = new SmtpConnections(mail);
    this.clock = clock;
    this.session = mail.getSession();
    this.email = email;
    this.rate = new RateLimiter(email.ratePerSecond());
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public int workers() {
    return email.workers();
  }

  @Override
  public String addressOf(Contact contact) {
    return contact.email();
  }

  @Override
  public Optional<String> unusable(String address) {
    try {
      new InternetAddress(address, true);
      return Optional.empty();
    } catch (AddressException e) {
      return Optional.of("Invalid email address (" + e.getMessage() + ")");
    }
  }

  @Override
  public List<Outcome> send(List<Outgoing> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    List<MimeMessage> messages = new ArrayList<>();
    for (Outgoing outgoing : batch) {
      try {
        messages.add(toMime(outgoing));
        outcomes.add(null);
      } catch (MessagingException e) {
        messages.add(null);
        outcomes.add(Outcome.Failed.permanentFailure("Cannot be addressed: " + e.getMessage()));
      }
    }
    if (messages.stream().allMatch(message -> message == null)) {
      return outcomes;
    }
    Transport transport;
    try {
      transport = connections.connected();
    } catch (MessagingException e) {
      // No connection, no message sent: every one is retried (or refused, if the server said 5xx).
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes.get(i) == null) {
          outcomes.set(i, classify(e));
        }
      }
      return outcomes;
    }
    for (int i = 0; i < batch.size(); i++) {
      MimeMessage message = messages.get(i);
      if (message == null) {
        continue;
      }
      rate.acquire();
      try {
        message.setHeader("Date", DATE.format(clock.instant()));
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        outcomes.set(i, new Outcome.Sent(batch.get(i).key().messageId()));
      } catch (MessagingException e) {
        outcomes.set(i, classify(e));
        if (!connections.stillUsable(transport)) {
          // The connection broke under this message: the rest of the batch waits for its retry
          // rather than for a connection that is gone; the next batch opens a new one.
          Outcome.Failed broken = Outcome.Failed.transientFailure("Connection lost during the batch: " + describe(e));
          for (int rest = i + 1; rest < batch.size(); rest++) {
            if (outcomes.get(rest) == null) {
              outcomes.set(rest, broken);
            }
          }
          break;
        }
      }
    }
    return outcomes;
  }

  private MimeMessage toMime(Outgoing outgoing) throws MessagingException {
    String messageId = outgoing.key().messageId();
    // The same Message-ID on every attempt of a generation: a copy sent twice (a crash before the
    // commit) is one message to the mail clients that deduplicate; a re-drive is a new one.
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    // Set on the message itself: Spring's MimeMessageHelper builds a new MIME type map (a
    // classpath scan) for every message that its own sender did not create.
    message.setFrom(new InternetAddress(email.from(), true));
    message.setRecipient(RecipientType.TO, new InternetAddress(outgoing.to(), true));
    message.setSubject(outgoing.subject(), StandardCharsets.UTF_8.name());
    if (outgoing.calendarEntry().isPresent()) {
      CalendarEntry calendar = outgoing.calendarEntry().get();
      message.setContent(CalendarPart.withText(outgoing.text(), calendar, email.from(), clock.instant()));
    } else {
      message.setText(outgoing.text(), StandardCharsets.UTF_8.name());
      message.setHeader("Content-Transfer-Encoding", TextEncoding.of(outgoing.text()));
    }
    return message;
  }

  /** Says goodbye (QUIT) on every connection the dispatcher threads kept open. */
  @PreDestroy
  void closeConnections() {
    connections.closeAll();
  }

  /** Permanent only when the server answered 5xx for this message or its recipient. */
  static Outcome.Failed classify(Exception failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SMTPAddressFailedException refused) {
        return new Outcome.Failed(describe(failure), refused.getReturnCode() >= 500);
      }
      if (cause instanceof SMTPSendFailedException refused) {
        return new Outcome.Failed(describe(failure), refused.getReturnCode() >= 500);
      }
    }
    return Outcome.Failed.transientFailure(describe(failure));
  }

  private static String describe(Exception failure) {
    Throwable innermost = failure;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return innermost == failure ? text : text + " (" + innermost.getClass().getSimpleName() + ": " + innermost.getMessage() + ")";
  }
}
