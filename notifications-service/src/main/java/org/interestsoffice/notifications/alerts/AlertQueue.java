package org.interestsoffice.notifications.alerts;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.notifications.orders.DepartureOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues alerts, in the transaction of whatever raised them. The unique key (person, deadline,
 * version, round, slot, channel) makes every alert effectively once: raising the same one again, from
 * a redelivered event or from another instance, queues nothing. The message is rendered when it is
 * sent, from the contact details as they are then; what it states about the deadline is fixed here.
 */
@Service
public class AlertQueue {

  private static final Logger log = LoggerFactory.getLogger(AlertQueue.class);

  private final JdbcClient jdbc;
  private final DeliveryLog deliveryLog;
  private final Dispatch dispatch;
  private final Set<Channel> staffChannels;

  AlertQueue(JdbcClient jdbc, DeliveryLog deliveryLog, Dispatch dispatch, AlertSettings settings) {
    this.jdbc = jdbc;
    this.deliveryLog = deliveryLog;
    this.dispatch = dispatch;
    this.staffChannels = settings.channels().isEmpty() ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(settings.channels());
  }

  /**
   * Queues a message about the order to the person, on every channel.
   *
   * @param change for a {@link Slot#DEADLINE_CHANGED} alert, how the deadline changed
   * @param reminderOffset for a reminder, how long before the deadline it goes out
   * @return how many alerts were queued (none if they already were)
   */
  public int toStaff(DepartureOrder order, String slot, String change, Duration reminderOffset) {
    int queued = 0;
    for (Channel channel : staffChannels) {
      if (insert(order, slot, channel, Audience.STAFF, change, reminderOffset, null, null)) {
        queued++;
      }
    }
    if (queued == 0) {
      log.atInfo().addKeyValue("staffId", order.staffId()).addKeyValue("slot", slot).log("Alert already queued; nothing more to send");
    }
    return queued;
  }

  /** Queues an email to an office head about a person who has not acknowledged the order. */
  public boolean toOfficeHead(DepartureOrder order, String officeHead, String email, String language) {
    return insert(order, Slot.escalation(officeHead), Channel.EMAIL, Audience.OFFICE_HEAD, null, null, email, language);
  }

  /**
   * The person's contact details have arrived or changed: alerts waiting for them are due now
   * (an order can overtake the registration that carries the details).
   */
  public void contactChanged(UUID staffId) {
    int waiting =
        jdbc.sql(
                """
                update alert set next_attempt_at = now()
                where staff_id = :staffId and audience = 'STAFF' and status in ('QUEUED', 'RETRYING')
                """)
            .param("staffId", staffId)
            .update();
    if (waiting > 0) {
      staffChannels.forEach(this::wakeUpAfterCommit);
    }
  }

  private boolean insert(
      DepartureOrder order,
      String slot,
      Channel channel,
      Audience audience,
      String change,
      Duration reminderOffset,
      String recipient,
      String language) {
    UUID alertId = UUID.randomUUID();
    int queued =
        jdbc.sql(
                """
                insert into alert (id, staff_id, mission_id, office_code, deadline_kind, deadline_id, deadline_version, round,
                                   slot, channel, audience, mission_name, mission_time_zone, due_at, deadline_status, change,
                                   reminder_offset_seconds, recipient, language, status)
                values (:id, :staffId, :missionId, :office, :kind, :deadlineId, :version, :round,
                        :slot, :channel, :audience, :missionName, :zone, :dueAt, :status, :change,
                        :offset, :recipient, :language, 'QUEUED')
                on conflict (staff_id, deadline_id, deadline_version, round, slot, channel) do nothing
                """)
            .param("id", alertId)
            .param("staffId", order.staffId())
            .param("missionId", order.missionId())
            .param("office", order.officeCode())
            .param("kind", order.deadlineKind())
            .param("deadlineId", order.deadlineId())
            .param("version", order.deadlineVersion())
            .param("round", order.round())
            .param("slot", slot)
            .param("channel", channel.name())
            .param("audience", audience.name())
            .param("missionName", order.missionName())
            .param("zone", order.missionTimeZone())
            .param("dueAt", order.dueAt() == null ? null : Timestamp.from(order.dueAt()))
            .param("status", order.deadlineStatus())
            .param("change", change)
            .param("offset", reminderOffset == null ? null : reminderOffset.toSeconds())
            .param("recipient", recipient)
            .param("language", language)
            .update();
    if (queued == 0) {
      return false;
    }
    deliveryLog.record(alertId, channel, AlertStatus.QUEUED, null);
    log.atInfo()
        .addKeyValue("alertId", alertId)
        .addKeyValue("staffId", order.staffId())
        .addKeyValue("slot", slot)
        .addKeyValue("channel", channel)
        .log("Alert queued");
    wakeUpAfterCommit(channel);
    return true;
  }

  private void wakeUpAfterCommit(Channel channel) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatch.wakeUp(channel);
          }
        });
  }
}
