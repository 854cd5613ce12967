package org.interestsoffice.notifications.reminders;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The persistent schedule of reminders before a person's deadline. Only reminders still in the
 * future are scheduled; changing or ending the order cancels those not yet sent.
 */
@Repository
public class Reminders {

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final ReminderSettings settings;
  private final FiringReminders firing;

  Reminders(JdbcClient jdbc, NamedParameterJdbcTemplate batches, ReminderSettings settings, FiringReminders firing) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.settings = settings;
    this.firing = firing;
  }

  private static final String SCHEDULE =
      """
      insert into reminder (id, staff_id, deadline_kind, deadline_id, deadline_version, round, slot,
                            offset_seconds, fire_at, status, exercise_mission_id)
      values (:id, :staffId, :kind, :deadlineId, :version, :round, :slot, :offset, :fireAt, 'SCHEDULED', :exercise)
      on conflict do nothing
      """;

  /**
   * Schedules the reminders of a running order that fall after {@code now}; returns how many. An
   * exercise's fall due on its case clock ({@code now} is then an instant on it).
   */
  public int schedule(DepartureOrder order, Instant now) {
    if (!order.running()) {
      return 0;
    }
    List<SqlParameterSource> ahead = new ArrayList<>();
    Instant earliest = null;
    for (Duration offset : settings.offsets()) {
      Instant fireAt = order.dueAt().minus(offset);
      if (!fireAt.isAfter(now)) {
        continue;
      }
      earliest = earliest == null || fireAt.isBefore(earliest) ? fireAt : earliest;
      ahead.add(
          new MapSqlParameterSource()
              .addValue("id", UUID.randomUUID())
              .addValue("staffId", order.staffId())
              .addValue("kind", order.deadlineKind())
              .addValue("deadlineId", order.deadlineId())
              .addValue("version", order.deadlineVersion())
              .addValue("round", order.round())
              .addValue("slot", Slot.reminder(offset).code())
              .addValue("offset", offset.toSeconds())
              .addValue("fireAt", Timestamp.from(fireAt))
              .addValue("exercise", order.exercise() ? order.missionId() : null));
    }
    // One batch (one round trip) for all of the order's reminders.
    int scheduled = ahead.isEmpty() ? 0 : Arrays.stream(batches.batchUpdate(SCHEDULE, ahead.toArray(SqlParameterSource[]::new))).sum();
    if (earliest != null && !order.exercise()) {
      tellTheFiringAfterCommit(earliest);
    }
    return scheduled;
  }

  /** Once committed, the poller can see the reminder: it is woken if that one is now its next. */
  private void tellTheFiringAfterCommit(Instant fireAt) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      firing.scheduled(fireAt);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            firing.scheduled(fireAt);
          }
        });
  }

  /** Cancels the reminders not yet sent for the person's order of that kind; returns how many. */
  public int cancel(UUID staffId, String deadlineKind) {
    return jdbc.sql("update reminder set status = 'CANCELLED' where staff_id = :staffId and deadline_kind = :kind and status = 'SCHEDULED'")
        .param("staffId", staffId)
        .param("kind", deadlineKind)
        .update();
  }
}
