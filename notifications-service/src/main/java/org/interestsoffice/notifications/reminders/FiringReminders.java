package org.interestsoffice.notifications.reminders;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertQueue;
import org.interestsoffice.notifications.alerts.AlertQueue.StaffAlert;
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
 * Fires reminders that have fallen due: a real mission's on the injected clock, an exercise's on its
 * case clock (notifications' replica of it), in the order of their due instants. A reminder is claimed with {@code FOR
 * UPDATE SKIP LOCKED} and marked fired in the transaction that queues its alerts, so it fires once
 * whatever the number of instances, and one that fell due while no instance ran fires when one
 * starts. A reminder whose order has since changed or ended, or whose deadline has already passed,
 * is not sent; nor is one overtaken by a later reminder of the same order that is also due (after
 * an outage, or a jump of an exercise's case clock, the person gets the latest, not all of them at
 * once; the others are recorded as missed).
 *
 * <p>Between passes it sleeps until the next real mission's reminder falls due (at most its poll
 * interval; an exercise's case clock is looked at every poll interval), and is woken when an
 * earlier one is scheduled, so a reminder goes out at its due instant. A batch costs one query for
 * its orders, one batch of inserts for its alerts and one statement per outcome, whatever its size;
 * several threads fire batches side by side ({@code threads}), each skipping the rows another holds.
 */
@Component
public class FiringReminders extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(FiringReminders.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DepartureOrders orders;
  private final AlertQueue alerts;
  private final ReminderSettings settings;
  private final Clock clock;
  private final NextDue nextDue;

  FiringReminders(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      DepartureOrders orders,
      AlertQueue alerts,
      ReminderSettings settings,
      Clock clock) {
    super("reminders", settings.pollInterval(), Duration.ofSeconds(30), settings.threads());
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.orders = orders;
    this.alerts = alerts;
    this.settings = settings;
    this.clock = clock;
    this.nextDue = new NextDue(clock);
  }

  /** @param now the reminder's own "now": the wall clock's, or its exercise's case clock */
  private record DueReminder(
      UUID id, DepartureOrders.Version order, String slot, long offsetSeconds, Instant fireAt, Instant now, boolean overtaken) {}

  /** What became of a due reminder. */
  private enum Outcome {
    FIRED,
    /** Overtaken by a later reminder also due, or its deadline has passed. */
    MISSED,
    /** Its order has changed or ended. */
    CANCELLED
  }

  @Override
  protected boolean workBatch() {
    nextDue.forget();
    Instant wallNow = clock.instant();
    Integer fired =
        transactions.execute(
            status -> {
              List<DueReminder> due = claimDue(wallNow);
              fire(due);
              return due.size();
            });
    boolean full = fired != null && fired == settings.batchSize();
    if (!full) {
      // Everything due by wallNow was just claimed, here or by another instance: the next is after it.
      nextDue.is(nextAfter(wallNow));
    }
    return full;
  }

  /** Sleeps until the next real-mission reminder falls due, if that is sooner than the poll interval. */
  @Override
  protected Duration untilNextPass() {
    return nextDue.until(settings.pollInterval());
  }

  /**
   * A real mission's reminder was scheduled (and committed) for {@code fireAt}: the poller is woken if
   * it falls due before the one it sleeps until. (An exercise's falls due as its case clock moves.)
   */
  void scheduled(Instant fireAt) {
    if (nextDue.scheduled(fireAt)) {
      wakeUp();
    }
  }

  private Optional<Instant> nextAfter(Instant wallNow) {
    // The first entry of the due index after now, not min(): without statistics (a table just filled)
    // PostgreSQL computed min() by reading every later entry (13-17 ms at 90,000, at every pass).
    return jdbc.sql(
            """
            select fire_at from reminder where status = 'SCHEDULED' and exercise_mission_id is null and fire_at > :now
            order by fire_at limit 1
            """)
        .param("now", Timestamp.from(wallNow))
        .query((rs, row) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  private List<DueReminder> claimDue(Instant wallNow) {
    List<DueReminder> due = new ArrayList<>(claim(REAL_MISSIONS, Map.of("now", Timestamp.from(wallNow)), settings.batchSize(), SKIP_LOCKED));
    due.addAll(claim(EXERCISES, Map.of("now", Timestamp.from(wallNow)), settings.batchSize() - due.size(), SKIP_LOCKED));
    return due;
  }

  /**
   * An exercise's event about the person is about to take effect at {@code caseNow} (a departure, a
   * designation, a change of their deadline): the person's reminders that fell due on the case clock
   * before it are fired (or missed) first, in the caller's transaction, so that in case time they
   * come in the order of their due instants, whether or not the poller has reached them yet. A real
   * mission's reminders are left to the poller.
   *
   * @return how many were settled
   */
  public int catchUp(UUID staffId, Instant caseNow) {
    List<DueReminder> due =
        // Waits for a poller holding one of them: it is settled then, and not settled twice.
        claim(EXERCISE_OF_PERSON, Map.of("now", Timestamp.from(caseNow), "staffId", staffId), Integer.MAX_VALUE, WAIT);
    fire(due);
    return due.size();
  }

  // A real mission's reminders fall due on the wall clock; an exercise's on its case clock (the
  // case_clock replica, read here only), and not at all before a clock is known for it.
  private static final String REAL_MISSIONS =
      """
      select r.*, cast(:now as timestamptz) as now from reminder r
      where r.status = 'SCHEDULED' and r.exercise_mission_id is null and r.fire_at <= :now
      """;
  private static final String EXERCISES =
      """
      select r.*, c.case_now as now from reminder r join case_clock c on c.mission_id = r.exercise_mission_id
      where r.status = 'SCHEDULED' and r.exercise_mission_id is not null and r.fire_at <= c.case_now
      """;

  private static final String EXERCISE_OF_PERSON =
      """
      select r.*, cast(:now as timestamptz) as now from reminder r
      where r.status = 'SCHEDULED' and r.exercise_mission_id is not null and r.staff_id = :staffId and r.fire_at <= :now
      """;

  private static final String SKIP_LOCKED = "for update of r skip locked";
  private static final String WAIT = "for update of r";

  private List<DueReminder> claim(String dueOnItsClock, Map<String, Object> parameters, int limit, String lock) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.sql(
            "select due.*, exists (select 1 from reminder later"
                + """
                 where later.staff_id = due.staff_id and later.deadline_kind = due.deadline_kind
                   and later.deadline_version = due.deadline_version and later.round = due.round
                   and later.status = 'SCHEDULED' and later.fire_at <= due.now and later.fire_at > due.fire_at) as overtaken
                from (
                """
                + dueOnItsClock
                + " order by r.fire_at limit :batchSize "
                + lock
                + """
                ) due
                order by due.fire_at
                """)
        .params(parameters)
        .param("batchSize", limit)
        .query(
            (rs, row) ->
                new DueReminder(
                    rs.getObject("id", UUID.class),
                    new DepartureOrders.Version(
                        rs.getObject("staff_id", UUID.class), rs.getString("deadline_kind"), rs.getInt("deadline_version"), rs.getInt("round")),
                    rs.getString("slot"),
                    rs.getLong("offset_seconds"),
                    rs.getTimestamp("fire_at").toInstant(),
                    rs.getTimestamp("now").toInstant(),
                    rs.getBoolean("overtaken")))
        .list();
  }

  /**
   * Fires the claimed reminders, in their order, with one query for their orders, one batch for
   * their alerts and one statement per outcome for their statuses, in the caller's transaction: the
   * alerts and the marks commit together, so a reminder fires once.
   */
  private void fire(List<DueReminder> due) {
    if (due.isEmpty()) {
      return;
    }
    Map<DepartureOrders.Version, DepartureOrder> active = orders.activeAt(due.stream().map(DueReminder::order).toList());
    Map<Outcome, List<UUID>> settled = new EnumMap<>(Outcome.class);
    List<StaffAlert> reminders = new ArrayList<>();
    for (DueReminder reminder : due) {
      Optional<DepartureOrder> order = Optional.ofNullable(active.get(reminder.order()));
      Outcome outcome = outcome(reminder, order);
      if (outcome == Outcome.FIRED) {
        // Stamped with its due instant: for an exercise, where on the case clock it fell due.
        reminders.add(new StaffAlert(order.get(), Slot.reminder(Duration.ofSeconds(reminder.offsetSeconds())), reminder.fireAt()));
      }
      settled.computeIfAbsent(outcome, o -> new ArrayList<>()).add(reminder.id());
      log.atInfo()
          .addKeyValue("staffId", reminder.order().staffId())
          .addKeyValue("slot", reminder.slot())
          .log("Reminder {}", outcome.name().toLowerCase());
    }
    alerts.toStaffAll(reminders);
    settled.forEach(
        (outcome, ids) -> jdbc.sql("update reminder set status = :status where id in (:ids)").param("status", outcome.name()).param("ids", ids).update());
  }

  private static Outcome outcome(DueReminder reminder, Optional<DepartureOrder> order) {
    if (order.isEmpty() || !order.get().running()) {
      return Outcome.CANCELLED;
    }
    if (reminder.overtaken() || !order.get().dueAt().isAfter(reminder.now())) {
      return Outcome.MISSED;
    }
    return Outcome.FIRED;
  }
}
