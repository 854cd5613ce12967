package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.notifications.alerts.AlertLog.AlertRow;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/** The SMTP server goes away for a while: the alert waits, retrying, and goes out once when it is back. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "notifications.alerts.poll-interval=100ms",
      "notifications.alerts.initial-backoff=200ms",
      "notifications.alerts.max-backoff=1s",
      // GreenMail stands in for a remote mail server and logs the addresses it creates mailboxes
      // for; only the service's own log lines are under test.
      "logging.level.com.icegreen=warn",
      // Many attempts, so the alert is still retrying (not DEAD) however slowly this machine runs.
      "notifications.alerts.max-attempts=1000"
    })
@RealInfrastructure(database = "notifications")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SmtpOutageIT {

  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");

  // Fixed for the class, so the server comes back where the application expects it.
  private static final int SMTP_PORT = freePort();

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired MessagingNames names;
  @Autowired JdbcClient jdbc;

  @Test
  void anAlertRetriesWhileTheSmtpServerIsDownAndIsSentOnceWhenItIsBack(CapturedOutput output) {
    Personnel personnel = new Personnel(rabbit, json, names);
    Mailbox mailbox = new Mailbox(smtp);
    AlertLog alertLog = new AlertLog(jdbc);
    smtp.stop();

    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, DUE);

    // Failed more than once: it keeps retrying rather than giving up or being forgotten.
    AlertRow retrying =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> alertLog.alertsOf(jane.staffId()),
                rows -> rows.size() == 1 && rows.get(0).status().equals("RETRYING") && rows.get(0).attempts() >= 2)
            .get(0);
    assertThat(retrying.lastError()).isNotBlank();

    smtp.start();

    ReceivedEmail email = mailbox.awaitEmailTo(jane.email());
    assertThat(email.subject()).isEqualTo("Departure order: leave by 2019-01-26 20:00 UTC");
    AlertRow sent =
        await()
            .until(() -> alertLog.alertsOf(jane.staffId()), rows -> rows.size() == 1 && rows.get(0).status().equals("SENT"))
            .get(0);
    assertThat(sent.attempts()).isGreaterThan(retrying.attempts());
    assertThat(sent.lastError()).isNull();
    // SENT is final for the dispatcher, so this one email is the only one there will be.
    List<ReceivedEmail> received = mailbox.emailsTo(jane.email());
    assertThat(received).hasSize(1);

    // The delivery log holds every attempt: queued, the failed ones with their error, then sent.
    List<String> log =
        jdbc.sql("select status || ':' || coalesce(error, '') from delivery_attempt where alert_id = :id order by id")
            .param("id", sent.id())
            .query(String.class)
            .list();
    assertThat(log).first().isEqualTo("QUEUED:");
    assertThat(log).last().isEqualTo("SENT:");
    assertThat(log.subList(1, log.size() - 1))
        .hasSize(sent.attempts() - 1)
        .allSatisfy(attempt -> assertThat(attempt).startsWith("RETRYING:").hasSizeGreaterThan("RETRYING:".length()));

    // The failures were logged (by alert id), without the person's contact details.
    assertThat(output.getAll())
        .contains(retrying.id().toString())
        .doesNotContain(jane.email())
        .doesNotContain(jane.phone().substring(1));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
