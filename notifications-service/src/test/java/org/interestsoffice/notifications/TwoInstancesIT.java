package org.interestsoffice.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AnotherInstance;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Mission;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of notifications on one queue, one database and one clock: every person gets
 * exactly one message per slot on each channel, for the order and for a reminder fired by whichever
 * instance claims it, and both instances share the work.
 */
@NotificationsServiceUnderTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

  private static final int STAFF = 60;

  @Autowired ConfigurableEnvironment environment;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired SmsProviderServer sms;
  @Autowired AlertLog alertLog;

  ConfigurableApplicationContext second;

  @BeforeAll
  void startASecondInstance() {
    second =
        AnotherInstance.start(
            environment,
            clock,
            Map.of(
                "notifications.instance-name", "second",
                // Small batches, so both instances take part in a burst.
                "notifications.alerts.batch-size", "5",
                "notifications.reminders.batch-size", "5"));
  }

  @AfterAll
  void stopTheSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void everyPersonGetsOneMessagePerSlotAndChannelWhateverInstanceHandlesIt() {
    Mission embassy = Mission.embassyInCaracas();
    Instant due = clock.instant().plus(Duration.ofHours(72));
    List<StaffMember> staff = new ArrayList<>();
    for (int i = 0; i < STAFF; i++) {
      staff.add(personnel.registers(aDiplomat().of(embassy)));
    }
    staff.forEach(member -> personnel.ordersDeparture(member, due));

    awaitEverySlot(staff, "ORDER");
    clock.moveTo(due.minus(Duration.ofHours(48)).plusSeconds(1));
    awaitEverySlot(staff, "REMINDER_48H");

    for (StaffMember member : staff) {
      assertThat(alertLog.sentSlots(member.staffId(), "EMAIL")).as("email slots").containsExactly("ORDER", "REMINDER_48H");
      assertThat(alertLog.sentSlots(member.staffId(), "SMS")).as("SMS slots").containsExactly("ORDER", "REMINDER_48H");
      assertThat(smtp.emailsTo(member.email())).as("emails received").hasSize(2);
      assertThat(sms.requestsTo(member.phone())).as("SMS requests received").hasSize(2);
    }
    // Both instances sent some of this rupture's messages (each records its name on what it sent).
    Map<String, Long> bySender = new LinkedHashMap<>();
    for (StaffMember member : staff) {
      for (String sender : jdbc.sql("select sent_by from alert where staff_id = :staffId and audience = 'STAFF'").param("staffId", member.staffId()).query(String.class).list()) {
        bySender.merge(sender, 1L, Long::sum);
      }
    }
    assertThat(bySender.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(STAFF * 4L);
    assertThat(bySender).as("messages by instance").containsKey("second").hasSize(2);
    assertThat(sent(second.getBean(MeterRegistry.class))).as("counted by the second instance's metrics").isGreaterThanOrEqualTo(bySender.get("second"));
  }

  private void awaitEverySlot(List<StaffMember> staff, String slot) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                staff.stream()
                    .allMatch(
                        member ->
                            alertLog.sentSlots(member.staffId(), "EMAIL").contains(slot)
                                && alertLog.sentSlots(member.staffId(), "SMS").contains(slot)));
  }

  private static double sent(MeterRegistry meters) {
    return meters.find("notifications.alerts.attempts").tag("outcome", "sent").counters().stream().mapToDouble(Counter::count).sum();
  }
}
