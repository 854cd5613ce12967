package org.interestsoffice.notifications.alerts;

import java.time.ZoneId;
import java.util.UUID;

import org.interestsoffice.notifications.contacts.Contact;
import org.interestsoffice.notifications.contacts.Contacts;
import org.interestsoffice.notifications.events.DepartureOrdered;
import org.interestsoffice.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues the immediate alert for a departure order. The unique key (person, deadline, deadline
 * version, slot, channel) makes it effectively once: a redelivered or repeated order finds its
 * alert already queued. Sending happens after commit, in {@link EmailDispatcher}.
 */
@Service
public class RaisingDepartureAlerts {

  static final String ORDER_SLOT = "ORDER";

  private static final Logger log = LoggerFactory.getLogger(RaisingDepartureAlerts.class);

  private final Contacts contacts;
  private final JdbcClient jdbc;
  private final EmailDispatcher dispatcher;
  private final DeliveryLog deliveryLog;

  RaisingDepartureAlerts(Contacts contacts, JdbcClient jdbc, EmailDispatcher dispatcher, DeliveryLog deliveryLog) {
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
    this.deliveryLog = deliveryLog;
  }

  public void onDepartureOrdered(DepartureOrdered order, EventEnvelope envelope) {
    // Personnel publishes StaffRegistered long before any order; if the copy is still missing,
    // failing lets the consumer retry until it has arrived (or dead-letter it, visibly).
    Contact contact =
        contacts
            .find(order.staffId())
            .orElseThrow(() -> new IllegalStateException("No contact details yet for staff member " + order.staffId()));
    DepartureAlertText.Rendered text =
        DepartureAlertText.render(
            contact.language(), contact.fullName(), order.missionName(), order.dueAt(), ZoneId.of(order.missionTimeZone()));
    UUID alertId = UUID.randomUUID();
    int queued =
        jdbc.sql(
                """
                insert into alert (id, staff_id, mission_id, office_code, deadline_id, deadline_version, slot, channel,
                                   recipient, language, subject, body, status)
                values (:id, :staffId, :missionId, :office, :deadlineId, :deadlineVersion, :slot, 'EMAIL',
                        :recipient, :language, :subject, :body, 'QUEUED')
                on conflict (staff_id, deadline_id, deadline_version, slot, channel) do nothing
                """)
            .param("id", alertId)
            .param("staffId", order.staffId())
            .param("missionId", order.missionId())
            .param("office", order.officeCode())
            .param("deadlineId", order.deadlineId())
            .param("deadlineVersion", order.deadlineVersion())
            .param("slot", ORDER_SLOT)
            .param("recipient", contact.email())
            .param("language", contact.language())
            .param("subject", text.subject())
            .param("body", text.body())
            .update();
    if (queued == 0) {
      log.atInfo().addKeyValue("staffId", order.staffId()).log("Departure alert for this deadline version already queued");
      return;
    }
    deliveryLog.record(alertId, "EMAIL", AlertStatus.QUEUED, null);
    log.atInfo().addKeyValue("alertId", alertId).addKeyValue("staffId", order.staffId()).log("Departure alert queued");
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatcher.wakeUp();
          }
        });
  }
}
