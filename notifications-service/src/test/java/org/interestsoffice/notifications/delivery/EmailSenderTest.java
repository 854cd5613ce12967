package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.notifications.alerts.DeliveryKey;
import org.interestsoffice.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The email channel against a real SMTP server (GreenMail, in this JVM, over TCP). */
class EmailSenderTest {

  private final int port = freePort();
  private GreenMail server = started(port);
  private final EmailSender sender = new EmailSender(settings(port), new EmailSettings("Oficina de Intereses <alerts@interests-office.local>", 2, 0), Clock.systemUTC());

  @AfterEach
  void stop() {
    sender.closeConnections();
    server.stop();
  }

  @Test
  void aMessageCarriesItsSenderRecipientSpanishSubjectTextAndStableMessageId() throws Exception {
    DeliveryKey key = new DeliveryKey(UUID.randomUUID(), 0);

    List<Outcome> outcomes = sender.send(List.of(message(key, "maria.agregada@state.example")));

    assertThat(outcomes).containsExactly(new Outcome.Sent(key.messageId()));
    MimeMessage received = server.getReceivedMessages()[0];
    assertThat(received.getFrom()[0].toString()).isEqualTo("Oficina de Intereses <alerts@interests-office.local>");
    assertThat(received.getRecipients(RecipientType.TO)[0].toString()).isEqualTo("maria.agregada@state.example");
    assertThat(received.getSubject()).isEqualTo("Orden de salida: Embajada en Caracas");
    assertThat(received.getContent().toString().strip()).isEqualTo("Debe salir antes del 26 de enero, María.");
    assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(received.getMessageID()).isEqualTo(key.messageId());
    assertThat(received.getHeader("Date")[0]).matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(received.getSentDate().toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
  }

  @Test
  void batchAfterBatchGoesOverTheConnectionTheThreadKeepsOpen() {
    try (TcpProxy line = TcpProxy.start("127.0.0.1", port)) {
      EmailSender throughTheLine = new EmailSender(settings(line.port()), new EmailSettings("alerts@interests-office.local", 2, 0), Clock.systemUTC());
      try {
        for (int batch = 0; batch < 3; batch++) {
          assertThat(throughTheLine.send(List.of(message(new DeliveryKey(UUID.randomUUID(), 0), "batch" + batch + "@state.example"))))
              .allMatch(Outcome.Sent.class::isInstance);
        }
        assertThat(server.getReceivedMessages()).hasSize(3);
        assertThat(line.connectionsAccepted()).isEqualTo(1);

        // A line cut while idle: the next batch finds it dead (NOOP) and opens another.
        line.cut();
        line.restore();
        assertThat(throughTheLine.send(List.of(message(new DeliveryKey(UUID.randomUUID(), 0), "after-cut@state.example")))).allMatch(Outcome.Sent.class::isInstance);
        assertThat(line.connectionsAccepted()).isEqualTo(2);
      } finally {
        throughTheLine.closeConnections();
      }
    }
  }

  @Test
  void aConnectionTheServerDroppedBetweenBatchesIsReplacedWithoutFailingTheNextBatch() {
    assertThat(sender.send(List.of(message(new DeliveryKey(UUID.randomUUID(), 0), "first@state.example")))).allMatch(Outcome.Sent.class::isInstance);

    // The server restarts while the dispatcher thread holds its connection open.
    server.stop();
    server = started(port);

    List<Outcome> outcomes =
        sender.send(
            List.of(message(new DeliveryKey(UUID.randomUUID(), 0), "second@state.example"), message(new DeliveryKey(UUID.randomUUID(), 0), "third@state.example")));
    assertThat(outcomes).allMatch(Outcome.Sent.class::isInstance);
    assertThat(server.getReceivedMessages()).hasSize(2);
  }

  @Test
  void withTheServerDownEveryMessageOfTheBatchIsATransientFailureAndGoesOutOnceItIsBack() {
    server.stop();
    Outgoing waiting = message(new DeliveryKey(UUID.randomUUID(), 0), "waiting@state.example");

    assertThat(sender.send(List.of(waiting, message(new DeliveryKey(UUID.randomUUID(), 0), "other@state.example"))))
        .allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> assertThat(failed.permanent()).isFalse()));

    server = started(port);
    assertThat(sender.send(List.of(waiting))).containsExactly(new Outcome.Sent(waiting.key().messageId()));
  }

  @Test
  void jakartaMailIsToldItsStreamProviderInsteadOfScanningTheClasspathForEveryPart() {
    assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    assertThat(jakarta.mail.util.StreamProvider.provider().getClass().getName()).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
  }

  private static Outgoing message(DeliveryKey key, String to) {
    return new Outgoing(key, to, "Orden de salida: Embajada en Caracas", "Debe salir antes del 26 de enero, María.");
  }

  private static JavaMailSenderImpl settings(int port) {
    JavaMailSenderImpl settings = new JavaMailSenderImpl();
    settings.setHost("127.0.0.1");
    settings.setPort(port);
    settings.setProtocol("smtp");
    settings.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    settings.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    return settings;
  }

  private static GreenMail started(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
