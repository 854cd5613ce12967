package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.interestsoffice.notifications.alerts.DeliveryKey;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The message as it leaves for the SMTP server: headers and text, without a server (the ITs send to one). */
class EmailSenderTest {

  /** Keeps what it is asked to send, as the SMTP session would receive it. */
  private static final class Keeping extends JavaMailSenderImpl {
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public void send(MimeMessage... messages) {
      for (MimeMessage message : messages) {
        try {
          ByteArrayOutputStream wire = new ByteArrayOutputStream();
          message.saveChanges();
          message.writeTo(wire);
          sent.add(wire.toByteArray());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void aMessageCarriesItsSenderRecipientSpanishSubjectTextAndStableMessageId() throws Exception {
    Keeping mail = new Keeping();
    EmailSender sender = new EmailSender(mail, new EmailSettings("Oficina de Intereses <alerts@interests-office.local>", 2, 0), Clock.systemUTC());
    DeliveryKey key = new DeliveryKey(UUID.randomUUID(), 0);

    List<Outcome> outcomes =
        sender.send(List.of(new Outgoing(key, "maria.agregada@state.example", "Orden de salida: Embajada en Caracas", "Debe salir antes del 26 de enero, María.")));

    assertThat(outcomes).containsExactly(new Outcome.Sent(key.messageId()));
    MimeMessage received = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(mail.sent.get(0)));
    assertThat(received.getFrom()[0].toString()).isEqualTo("Oficina de Intereses <alerts@interests-office.local>");
    assertThat(received.getRecipients(RecipientType.TO)[0].toString()).isEqualTo("maria.agregada@state.example");
    assertThat(received.getSubject()).isEqualTo("Orden de salida: Embajada en Caracas");
    assertThat(received.getContent().toString()).isEqualTo("Debe salir antes del 26 de enero, María.");
    assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(received.getMessageID()).isEqualTo(key.messageId());
  }

  @Test
  void jakartaMailIsToldItsStreamProviderInsteadOfScanningTheClasspathForEveryPart() {
    new EmailSender(new Keeping(), new EmailSettings("alerts@interests-office.local", 2, 0), Clock.systemUTC());

    assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    assertThat(jakarta.mail.util.StreamProvider.provider().getClass().getName()).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
  }
}
