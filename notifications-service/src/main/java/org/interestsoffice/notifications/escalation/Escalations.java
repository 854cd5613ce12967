package org.interestsoffice.notifications.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.notifications.orders.DepartureOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Watches over the alerts that ask a person to acknowledge: one watch per order at a time. A newer
 * version of the order takes over a watch that is still waiting, with the same due instant, so a
 * deadline that keeps changing never postpones the escalation.
 */
@Repository
public class Escalations {

  private final JdbcClient jdbc;
  private final EscalationSettings settings;
  private final Clock clock;

  Escalations(JdbcClient jdbc, EscalationSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Starts (or takes over) the watch on the order's acknowledgement.
   *
   * @param at when the order was alerted on its clock: an exercise's watch falls due on its case clock
   */
  public void watch(DepartureOrder order, Instant at) {
    Instant due =
        jdbc.sql(
                """
                update escalation set status = 'SUPERSEDED'
                where staff_id = :staffId and deadline_kind = :kind and round = :round and status = 'WAITING'
                returning due_at
                """)
            .param("staffId", order.staffId())
            .param("kind", order.deadlineKind())
            .param("round", order.round())
            .query((rs, row) -> rs.getTimestamp("due_at").toInstant())
            .list()
            .stream()
            .min(Instant::compareTo)
            .orElseGet(() -> at.plus(settings.after()));
    jdbc.sql(
            """
            insert into escalation (staff_id, deadline_kind, deadline_id, deadline_version, round, due_at, status, exercise_mission_id)
            values (:staffId, :kind, :deadlineId, :version, :round, :due, 'WAITING', :exercise)
            on conflict do nothing
            """)
        .param("staffId", order.staffId())
        .param("kind", order.deadlineKind())
        .param("deadlineId", order.deadlineId())
        .param("version", order.deadlineVersion())
        .param("round", order.round())
        .param("due", Timestamp.from(due))
        .param("exercise", order.exercise() ? order.missionId() : null)
        .update();
  }

  /** The person no longer needs chasing on the order of that kind: departed, or staying. */
  public void cancel(UUID staffId, String deadlineKind) {
    jdbc.sql("update escalation set status = 'CANCELLED', settled_at = :now where staff_id = :staffId and deadline_kind = :kind and status = 'WAITING'")
        .param("now", Timestamp.from(clock.instant()))
        .param("staffId", staffId)
        .param("kind", deadlineKind)
        .update();
  }

  /** The person acknowledged an alert of this version (or a later one): no need to escalate. */
  public void settle(UUID staffId, String deadlineKind, int deadlineVersion, int round) {
    jdbc.sql(
            """
            update escalation set status = 'SETTLED', settled_at = :now
            where staff_id = :staffId and deadline_kind = :kind and round = :round and deadline_version <= :version
              and status = 'WAITING'
            """)
        .param("now", Timestamp.from(clock.instant()))
        .param("staffId", staffId)
        .param("kind", deadlineKind)
        .param("round", round)
        .param("version", deadlineVersion)
        .update();
  }
}
