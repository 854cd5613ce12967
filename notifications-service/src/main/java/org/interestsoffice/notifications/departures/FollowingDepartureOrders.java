package org.interestsoffice.notifications.departures;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertQueue;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.contacts.Contact;
import org.interestsoffice.notifications.contacts.Contacts;
import org.interestsoffice.notifications.escalation.EscalatingUnacknowledgedAlerts;
import org.interestsoffice.notifications.escalation.Escalations;
import org.interestsoffice.notifications.exercises.CaseClocks;
import org.interestsoffice.notifications.events.DepartureOrdered;
import org.interestsoffice.notifications.events.RemainingStaffDesignated;
import org.interestsoffice.notifications.events.StaffContactChanged;
import org.interestsoffice.notifications.events.StaffDeparted;
import org.interestsoffice.notifications.events.StaffRegistered;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.interestsoffice.notifications.orders.DepartureOrders;
import org.interestsoffice.notifications.orders.DepartureOrders.Held;
import org.interestsoffice.notifications.reminders.FiringReminders;
import org.interestsoffice.notifications.reminders.Reminders;
import org.interestsoffice.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Follows personnel's departure orders and turns them into alerts: the order itself at once, on
 * every channel; reminders before the deadline; a "deadline changed" alert when the order moves to
 * a newer version of its deadline (with the old reminders cancelled and new ones scheduled, or none
 * while the deadline is suspended); and nothing more once the person has left or stays. Versions,
 * not arrival order, decide which announcement counts; each handler runs in the consumer's
 * transaction and locks the person's order first.
 */
@Service
class FollowingDepartureOrders {

  private static final Logger log = LoggerFactory.getLogger(FollowingDepartureOrders.class);

  private final DepartureOrders orders;
  private final Contacts contacts;
  private final AlertQueue alerts;
  private final Reminders reminders;
  private final Escalations escalations;
  private final CaseClocks caseClocks;
  private final FiringReminders firingReminders;
  private final EscalatingUnacknowledgedAlerts escalating;
  private final Clock clock;

  FollowingDepartureOrders(
      DepartureOrders orders,
      Contacts contacts,
      AlertQueue alerts,
      Reminders reminders,
      Escalations escalations,
      CaseClocks caseClocks,
      FiringReminders firingReminders,
      EscalatingUnacknowledgedAlerts escalating,
      Clock clock) {
    this.caseClocks = caseClocks;
    this.firingReminders = firingReminders;
    this.escalating = escalating;
    this.orders = orders;
    this.contacts = contacts;
    this.alerts = alerts;
    this.reminders = reminders;
    this.escalations = escalations;
    this.clock = clock;
  }

  void onStaffRegistered(StaffRegistered registered, EventEnvelope envelope) {
    contacts.lockPerson(registered.staffId());
    boolean changed = contacts.save(
        new Contact(
            registered.staffId(),
            registered.missionId(),
            registered.officeCode(),
            registered.fullName(),
            registered.email(),
            registered.phone(),
            registered.preferredLanguage()),
        registered.contactVersion());
    if (changed) {
      alerts.contactChanged(registered.staffId());
    }
  }

  void onStaffContactChanged(StaffContactChanged changed, EventEnvelope envelope) {
    contacts.lockPerson(changed.staffId());
    boolean newer = contacts.save(
        new Contact(
            changed.staffId(),
            changed.missionId(),
            changed.officeCode(),
            changed.fullName(),
            changed.email(),
            changed.phone(),
            changed.preferredLanguage()),
        changed.contactVersion());
    if (newer) {
      alerts.contactChanged(changed.staffId());
    } else {
      log.atInfo().addKeyValue("staffId", changed.staffId()).log("Contact change older than the details held; ignored");
    }
  }

  void onDepartureOrdered(DepartureOrdered announced, EventEnvelope envelope) {
    // First of all (before the case clock's catch-up locks anything): ordered with the person's
    // registration, so its alert never waits for details that were on their way (Contacts#lockPerson).
    contacts.lockPerson(announced.staffId());
    // For an exercise, an instant on its case clock, which has therefore reached it.
    Instant announcedAt = envelope.occurredAt();
    if (announced.exercise()) {
      caseClocks.reached(announced.missionId(), announcedAt);
      // Before anything here locks the person's order (the pollers lock a reminder or a watch first,
      // then the order: the same order here, so neither waits for the other in a circle).
      catchUpInCaseTime(announced.staffId(), announcedAt);
    }
    Optional<Instant> ended = orders.endedAt(announced.staffId());
    if (ended.isPresent() && !ended.get().isBefore(announcedAt)) {
      // Overtaken: the person left, or was designated to stay, after this order was given.
      log.atInfo().addKeyValue("staffId", announced.staffId()).log("Departure order announced before the person's last departure or designation; no alert");
      return;
    }
    if (announced.replaces() != null) {
      endReplaced(announced, announcedAt);
    }
    Optional<Held> held = orders.findForUpdate(announced.staffId(), announced.deadlineKind());
    if (held.isPresent() && held.get().state() == DepartureOrders.State.ENDED && held.get().announcedAt().isAfter(announcedAt)) {
      // Overtaken: an order of another kind replaced this one after it was announced.
      log.atInfo().addKeyValue("staffId", announced.staffId()).log("Departure order announced before an order that replaced it; no alert");
      return;
    }
    if (held.isEmpty()) {
      DepartureOrder first = orderOf(announced, 1);
      if (orders.insert(first, announcedAt)) {
        start(first, Slot.ORDER, null, announcedAt);
        return;
      }
      // Another consumer recorded it between the read and the insert: decide on what it recorded.
      held = orders.findForUpdate(announced.staffId(), announced.deadlineKind());
    }
    follow(held.orElseThrow(), announced, announcedAt);
  }

  private void follow(Held held, DepartureOrdered announced, Instant announcedAt) {
    DepartureOrder current = held.order();
    boolean active = held.state() == DepartureOrders.State.ACTIVE;
    if (announced.deadlineVersion() < current.deadlineVersion() || (active && announced.deadlineVersion() == current.deadlineVersion())) {
      log.atInfo()
          .addKeyValue("staffId", announced.staffId())
          .addKeyValue("deadlineVersion", announced.deadlineVersion())
          .log("Departure order already followed at version {}; nothing to send", current.deadlineVersion());
      return;
    }
    if (!active) {
      // Ordered out again after the order ended (a designation withdrawn): a new round, alerted anew.
      DepartureOrder again = orderOf(announced, current.round() + 1);
      orders.update(again, announcedAt);
      start(again, Slot.ORDER, null, announcedAt);
      return;
    }
    DepartureOrder moved = orderOf(announced, current.round());
    orders.update(moved, announcedAt);
    reminders.cancel(moved.staffId(), moved.deadlineKind());
    start(moved, Slot.DEADLINE_CHANGED, announced.change(), announcedAt);
  }

  /**
   * The person moves off an order on a deadline of another kind (a reduction overtaken by a rupture,
   * any order by a persona non grata): that order's reminders and escalation end, unless a newer
   * version of it is held.
   */
  private void endReplaced(DepartureOrdered announced, Instant announcedAt) {
    DepartureOrdered.Replaced replaced = announced.replaces();
    DepartureOrder ended =
        new DepartureOrder(
            announced.staffId(),
            announced.missionId(),
            announced.officeCode(),
            announced.missionName(),
            announced.missionTimeZone(),
            replaced.deadlineKind(),
            replaced.deadlineId(),
            replaced.deadlineVersion(),
            "RUNNING",
            null,
            1,
            announced.exercise());
    if (!orders.endReplaced(ended, announcedAt)) {
      log.atInfo()
          .addKeyValue("staffId", announced.staffId())
          .addKeyValue("deadlineKind", replaced.deadlineKind())
          .log("Replaced order held at a newer version than the one replaced; it stays");
      return;
    }
    int cancelled = reminders.cancel(announced.staffId(), replaced.deadlineKind());
    escalations.cancel(announced.staffId(), replaced.deadlineKind());
    log.atInfo()
        .addKeyValue("staffId", announced.staffId())
        .addKeyValue("deadlineKind", replaced.deadlineKind())
        .addKeyValue("reminders", cancelled)
        .log("Departure alerts of the replaced {} order stopped", replaced.deadlineKind());
  }

  /**
   * Alerts now, schedules the reminders still ahead (none while suspended), and watches for
   * acknowledgement. An exercise's order counts from its instant on the case clock: the reminders
   * and escalation after it fall due as the clock advances (or are recorded as skipped when one jump
   * passes them), whatever the replica of the clock held when the order arrived.
   */
  private void start(DepartureOrder order, Slot slot, String change, Instant announcedAt) {
    Instant at = order.exercise() ? announcedAt : clock.instant();
    alerts.toStaff(order, slot, change, at);
    int scheduled = reminders.schedule(order, at);
    escalations.watch(order, at);
    log.atInfo()
        .addKeyValue("staffId", order.staffId())
        .addKeyValue("deadlineVersion", order.deadlineVersion())
        .addKeyValue("reminders", scheduled)
        .log("Departure order followed: {} alert, {} reminders scheduled", slot, scheduled);
  }

  void onRemainingStaffDesignated(RemainingStaffDesignated designated, EventEnvelope envelope) {
    end(designated.staffId(), "REMAINING", envelope.occurredAt());
  }

  void onStaffDeparted(StaffDeparted departed, EventEnvelope envelope) {
    end(departed.staffId(), "DEPARTED", envelope.occurredAt());
  }

  private void end(UUID staffId, String reason, Instant at) {
    catchUpInCaseTime(staffId, at);
    List<DepartureOrder> ended = orders.end(staffId, reason, at);
    for (DepartureOrder order : ended) {
      int cancelled = reminders.cancel(staffId, order.deadlineKind());
      escalations.cancel(staffId, order.deadlineKind());
      if (order.running()) {
        // Its deadline is in the person's calendar (a suspended one was taken out already).
        alerts.orderEnded(order, at);
      }
      log.atInfo().addKeyValue("staffId", staffId).addKeyValue("reminders", cancelled).log("Departure alerts stopped: {}", reason.toLowerCase());
    }
  }

  /**
   * Before what personnel announced at {@code at} changes or ends the person's order: what fell due
   * for them before it on an exercise's case clock happens first (its reminders and escalation), as
   * it would have on the wall clock, instead of racing the pollers. Nothing for a real mission.
   */
  private void catchUpInCaseTime(UUID staffId, Instant at) {
    int reminded = firingReminders.catchUp(staffId, at);
    int escalated = escalating.catchUp(staffId, at);
    if (reminded + escalated > 0) {
      log.atInfo()
          .addKeyValue("staffId", staffId)
          .log("Caught up in case time before {}: {} reminders and {} escalations that fell due before it", at, reminded, escalated);
    }
  }

  private static DepartureOrder orderOf(DepartureOrdered announced, int round) {
    return new DepartureOrder(
        announced.staffId(),
        announced.missionId(),
        announced.officeCode(),
        announced.missionName(),
        announced.missionTimeZone(),
        announced.deadlineKind(),
        announced.deadlineId(),
        announced.deadlineVersion(),
        announced.suspended() ? "SUSPENDED" : "RUNNING",
        announced.dueAt(),
        round,
        announced.exercise());
  }
}
