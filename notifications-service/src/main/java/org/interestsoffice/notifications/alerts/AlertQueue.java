package org.interestsoffice.notifications.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertRepository.NewAlert;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues alerts, in the transaction of whatever raised them. The unique key (person, deadline,
 * version, round, slot, channel) makes every alert effectively once: raising the same one again, from
 * a redelivered event or from another instance, queues nothing. The message is rendered when it is
 * sent, from the contact details as they are then; what it states about the deadline is fixed here,
 * and so is its acknowledgement link, so that every copy of the message carries the same one.
 */
@Service
public class AlertQueue {

  private static final Logger log = LoggerFactory.getLogger(AlertQueue.class);

  private final AlertRepository repository;
  private final Alerts alerts;
  private final Dispatch dispatch;
  private final Clock clock;
  private final Set<Channel> staffChannels;

  AlertQueue(AlertRepository repository, Alerts alerts, Dispatch dispatch, AlertSettings settings, Clock clock) {
    this.repository = repository;
    this.alerts = alerts;
    this.dispatch = dispatch;
    this.clock = clock;
    this.staffChannels = settings.channels().isEmpty() ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(settings.channels());
  }

  /**
   * Queues a message about the order to the person, on every channel.
   *
   * @param change for a {@link Slot#DEADLINE_CHANGED} alert, how the deadline changed (else null)
   * @param at when the alert is raised on the order's clock: for an exercise, the instant on its case
   *     clock the alert is stamped with (an order's instant, a reminder's due instant)
   * @return how many alerts were queued (none if they already were)
   */
  public int toStaff(DepartureOrder order, Slot slot, String change, Instant at) {
    int queued = queue(staffChannels.stream().map(channel -> newAlert(order, slot, channel, Audience.STAFF, change, null, null, at)).toList());
    if (queued == 0) {
      log.atInfo().addKeyValue("staffId", order.staffId()).addKeyValue("slot", slot.code()).log("Alert already queued; nothing more to send");
    }
    return queued;
  }

  /** A message of an order to its person, as {@link #toStaffAll} queues it (a reminder, stamped with its due instant). */
  public record StaffAlert(DepartureOrder order, Slot slot, Instant at) {}

  /**
   * {@link #toStaff} for many at once, in one batch to the database: a reminder poller fires
   * hundreds of reminders in a transaction.
   *
   * @return how many alerts were queued
   */
  public int toStaffAll(List<StaffAlert> messages) {
    List<NewAlert> raised = new ArrayList<>();
    for (StaffAlert message : messages) {
      for (Channel channel : staffChannels) {
        raised.add(newAlert(message.order(), message.slot(), channel, Audience.STAFF, null, null, null, message.at()));
      }
    }
    return queue(raised);
  }

  /**
   * Queues the email that tells the person their order has ended and takes its deadline out of
   * their calendar; by email only, as only an email put it there.
   *
   * @param at when the order ended on its clock (see {@link #toStaff})
   * @return false if it already was queued, or email is not one of the staff channels
   */
  public boolean orderEnded(DepartureOrder order, Instant at) {
    return staffChannels.contains(Channel.EMAIL) && insert(order, Slot.ORDER_ENDED, Channel.EMAIL, Audience.STAFF, null, null, null, at);
  }

  /**
   * Queues an email to an office head about a person who has not acknowledged the order.
   *
   * @param at when the escalation falls due on the order's clock (see {@link #toStaff})
   */
  public boolean toOfficeHead(DepartureOrder order, String officeHead, String email, String language, Instant at) {
    return insert(order, Slot.escalation(officeHead), Channel.EMAIL, Audience.OFFICE_HEAD, null, email, language, at);
  }

  /**
   * The person's contact details have arrived or changed: alerts waiting for them are due now
   * (an order can overtake the registration that carries the details).
   */
  public void contactChanged(UUID staffId) {
    if (repository.wakeWaitingFor(staffId) > 0) {
      staffChannels.forEach(this::wakeUpAfterCommit);
    }
  }

  private boolean insert(
      DepartureOrder order, Slot slot, Channel channel, Audience audience, String change, String recipient, String language, Instant at) {
    return queue(List.of(newAlert(order, slot, channel, audience, change, recipient, language, at))) == 1;
  }

  /** Inserts the alerts in one batch; logs and wakes the dispatcher of each queued; returns how many were. */
  private int queue(List<NewAlert> raised) {
    List<Boolean> queued = repository.insertAll(raised, clock.instant());
    Set<Channel> woken = EnumSet.noneOf(Channel.class);
    int count = 0;
    for (int i = 0; i < raised.size(); i++) {
      if (!queued.get(i)) {
        continue;
      }
      NewAlert alert = raised.get(i);
      count++;
      log.atInfo()
          .addKeyValue("alertId", alert.id())
          .addKeyValue("staffId", alert.staffId())
          .addKeyValue("slot", alert.slot().code())
          .addKeyValue("channel", alert.channel())
          .log("Alert queued");
      if (woken.add(alert.channel())) {
        wakeUpAfterCommit(alert.channel());
      }
    }
    return count;
  }

  private NewAlert newAlert(
      DepartureOrder order, Slot slot, Channel channel, Audience audience, String change, String recipient, String language, Instant at) {
    // Only the person the alert is about acknowledges; an office head's email carries no link.
    Optional<AckToken> link = audience == Audience.STAFF ? Optional.of(AckToken.random()) : Optional.empty();
    return new NewAlert(
        UUID.randomUUID(),
        order.staffId(),
        order.missionId(),
        order.officeCode(),
        order.deadlineKind(),
        order.deadlineId(),
        order.deadlineVersion(),
        order.round(),
        slot,
        channel,
        audience,
        order.missionName(),
        order.missionTimeZone(),
        order.dueAt(),
        order.deadlineStatus(),
        change,
        recipient,
        language,
        link,
        alerts.linkExpiryFromNow(),
        order.exercise(),
        order.exercise() ? at : null);
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
