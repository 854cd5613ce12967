package org.interestsoffice.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.calendar.CalendarEntry;
import org.interestsoffice.notifications.contacts.Contact;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP: a batch goes over one connection to the server. A refusal with a 5xx
 * reply (unknown mailbox, message rejected) is permanent; anything else (server down, 4xx, a
 * dropped connection) is retried.
 */
@Component
class EmailSender implements ChannelAdapter {

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Jakarta Mail looks its stream provider up for every body part it makes and writes, and
    // without this property that is a ServiceLoader scan of the whole classpath (the fat jar's
    // hundred nested jars): the rupture benchmark's profile found most of the email workers' time
    // there. Naming the one provider the classpath has makes it a class lookup.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final JavaMailSender mail;
  private final Session session;
  private final EmailSettings email;
  private final RateLimiter rate;
  private final Clock clock;

  EmailSender(JavaMailSender mail, EmailSettings email, Clock clock) {
    this.mail = mail;
    this.clock = clock;
    this.session = mail instanceof JavaMailSenderImpl sender ? sender.getSession() : Session.getInstance(new Properties());
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
    List<MimeMessage> sendable = messages.stream().filter(message -> message != null).toList();
    sendable.forEach(message -> rate.acquire());
    Map<Object, Exception> failures = Map.of();
    if (!sendable.isEmpty()) {
      try {
        // One connection for the whole batch: JavaMailSenderImpl connects once and sends each in turn.
        mail.send(sendable.toArray(MimeMessage[]::new));
      } catch (MailSendException e) {
        failures = e.getFailedMessages();
        if (failures.isEmpty()) {
          failures = everyMessage(sendable, e);
        }
      } catch (MailException e) {
        failures = everyMessage(sendable, e);
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      if (outcomes.get(i) != null) {
        continue;
      }
      MimeMessage message = messages.get(i);
      Exception failure = failures.get(message);
      outcomes.set(i, failure == null ? new Outcome.Sent(batch.get(i).key().messageId()) : classify(failure));
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
    }
    return message;
  }

  private static Map<Object, Exception> everyMessage(List<MimeMessage> messages, Exception failure) {
    Map<Object, Exception> all = new IdentityHashMap<>();
    messages.forEach(message -> all.put(message, failure));
    return all;
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
