package org.interestsoffice.notifications.reminders;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertQueue;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.interestsoffice.notifications.orders.DepartureOrders;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires reminders that have fallen due, on the injected clock. A reminder is claimed with {@code FOR
 * UPDATE SKIP LOCKED} and marked fired in the transaction that queues its alerts, so it fires once
 * whatever the number of instances, and one that fell due while no instance ran fires when one
 * starts. A reminder whose order has since changed or ended, or whose deadline has already passed,
 * is not sent; nor is one overtaken by a later reminder of the same order that is also due (after
 * an outage, the person gets the latest, not all of them at once).
 */
@Component
class FiringReminders extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(FiringReminders.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DepartureOrders orders;
  private final AlertQueue alerts;
  private final ReminderSettings settings;
  private final Clock clock;

  FiringReminders(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      DepartureOrders orders,
      AlertQueue alerts,
      ReminderSettings settings,
      Clock clock) {
    super("reminders", settings.pollInterval(), Duration.ofSeconds(30));
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.orders = orders;
    this.alerts = alerts;
    this.settings = settings;
    this.clock = clock;
  }

  private record DueReminder(UUID id, UUID staffId, String kind, int version, int round, String slot, long offsetSeconds, boolean overtaken) {}

  @Override
  protected boolean workBatch() {
    Integer fired =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              List<DueReminder> due = claimDue(now);
              due.forEach(reminder -> fire(reminder, now));
              return due.size();
            });
    return fired != null && fired == settings.batchSize();
  }

  private List<DueReminder> claimDue(Instant now) {
    return jdbc.sql(
            """
            select r.*, exists (select 1 from reminder later
                                where later.staff_id = r.staff_id and later.deadline_kind = r.deadline_kind
                                  and later.deadline_version = r.deadline_version and later.round = r.round
                                  and later.status = 'SCHEDULED' and later.fire_at <= :now and later.fire_at > r.fire_at) as overtaken
            from reminder r
            where r.status = 'SCHEDULED' and r.fire_at <= :now
            order by r.fire_at
            limit :batchSize
            for update of r skip locked
            """)
        .param("now", Timestamp.from(now))
        .param("batchSize", settings.batchSize())
        .query(
            (rs, row) ->
                new DueReminder(
                    rs.getObject("id", UUID.class),
                    rs.getObject("staff_id", UUID.class),
                    rs.getString("deadline_kind"),
                    rs.getInt("deadline_version"),
                    rs.getInt("round"),
                    rs.getString("slot"),
                    rs.getLong("offset_seconds"),
                    rs.getBoolean("overtaken")))
        .list();
  }

  private void fire(DueReminder reminder, Instant now) {
    Optional<DepartureOrder> order = orders.activeAt(reminder.staffId(), reminder.kind(), reminder.version(), reminder.round());
    String outcome;
    if (order.isEmpty() || !order.get().running()) {
      outcome = "CANCELLED";
    } else if (reminder.overtaken() || !order.get().dueAt().isAfter(now)) {
      outcome = "MISSED";
    } else {
      alerts.toStaff(order.get(), Slot.reminder(Duration.ofSeconds(reminder.offsetSeconds())));
      outcome = "FIRED";
    }
    jdbc.sql("update reminder set status = :status where id = :id").param("status", outcome).param("id", reminder.id()).update();
    log.atInfo()
        .addKeyValue("staffId", reminder.staffId())
        .addKeyValue("slot", reminder.slot())
        .log("Reminder {}", outcome.toLowerCase());
  }
}
