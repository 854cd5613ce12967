package org.interestsoffice.notifications.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two quick corrections of a person's contact details, delivered in the wrong order (several
 * consumer threads, a redelivery): the copy keeps the newer, and the alerts go there, not to the
 * number the person corrected.
 */
@NotificationsServiceUnderTest
class ContactVersionsIT {

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired SmsProviderServer sms;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void anOlderCorrectionArrivingAfterANewerOneIsIgnoredAndTheAlertsGoToTheNewest() {
    StaffMember jane = personnel.registers(aDiplomat());
    StaffMember typo = jane.reachableAt("typo-" + jane.email(), "+58412" + jane.phone().substring(5));
    StaffMember corrected = jane.reachableAt("corrected-" + jane.email(), "+58414" + jane.phone().substring(5));

    // Personnel numbered them 1 (the typo) and 2 (its correction); the correction arrives first.
    personnel.changesContactAs(corrected, 2);
    personnel.awaitsContactOf(corrected);
    EventEnvelope late = personnel.changesContactAs(typo, 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> processed(late));

    assertThat(jdbc.sql("select email, phone from staff_contact where staff_id = :id").param("id", jane.staffId()).query().singleRow())
        .containsEntry("email", corrected.email())
        .containsEntry("phone", corrected.phone());
    personnel.ordersDeparture(corrected, clock.instant().plus(Duration.ofHours(72)));
    smtp.awaitEmailTo(corrected.email());
    sms.awaitAcceptedFor(corrected.phone(), 1);
    assertThat(smtp.emailsTo(typo.email())).isEmpty();
    assertThat(sms.requestsTo(typo.phone())).isEmpty();
  }

  @Test
  void aNewerCorrectionStillReplacesAnOlderOne() {
    StaffMember jane = personnel.registers(aDiplomat());
    StaffMember first = jane.reachableAt("first-" + jane.email(), jane.phone());
    StaffMember second = jane.reachableAt("second-" + jane.email(), jane.phone());

    personnel.changesContactAs(first, 1);
    personnel.awaitsContactOf(first);
    personnel.changesContactAs(second, 2);
    personnel.awaitsContactOf(second);
  }

  private boolean processed(EventEnvelope event) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id").param("id", event.eventId()).query(Integer.class).single() == 1;
  }
}
