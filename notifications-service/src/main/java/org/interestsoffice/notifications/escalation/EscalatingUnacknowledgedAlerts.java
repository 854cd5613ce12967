package org.interestsoffice.notifications.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertQueue;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.events.AlertEscalated;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.interestsoffice.notifications.orders.DepartureOrders;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a watch falls due and the person has acknowledged nothing of that order since, emails the
 * heads of their office and publishes {@code AlertEscalated}, once: the watch is claimed with {@code
 * FOR UPDATE SKIP LOCKED} and closed in the transaction that queues the emails. If the directory of
 * office heads cannot be asked, the watch is tried again later, not dropped.
 */
@Component
public class EscalatingUnacknowledgedAlerts extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(EscalatingUnacknowledgedAlerts.class);
  private static final int BATCH = 50;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DepartureOrders orders;
  private final AlertQueue queue;
  private final Alerts alerts;
  private final OfficeHeads officeHeads;
  private final Outbox outbox;
  private final EscalationSettings settings;
  private final Clock clock;

  EscalatingUnacknowledgedAlerts(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      DepartureOrders orders,
      AlertQueue queue,
      Alerts alerts,
      OfficeHeads officeHeads,
      Outbox outbox,
      EscalationSettings settings,
      Clock clock) {
    super("escalations", settings.pollInterval(), Duration.ofSeconds(30));
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.orders = orders;
    this.queue = queue;
    this.alerts = alerts;
    this.officeHeads = officeHeads;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  /** @param dueAt on the wall clock, or on its exercise's case clock */
  private record Watch(UUID staffId, String kind, UUID deadlineId, int version, int round, Instant dueAt, boolean exercise) {}

  @Override
  protected boolean workBatch() {
    Integer handled =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              List<Watch> due = claimDue(now);
              due.forEach(watch -> escalate(watch, now));
              return due.size();
            });
    return handled != null && handled == BATCH;
  }

  private List<Watch> claimDue(Instant now) {
    List<Watch> due = new ArrayList<>(claim(REAL_MISSIONS, Map.of("now", Timestamp.from(now)), BATCH, "skip locked"));
    due.addAll(claim(EXERCISES, Map.of("now", Timestamp.from(now)), BATCH - due.size(), "skip locked"));
    return due;
  }

  /**
   * An exercise's event about the person is about to take effect at {@code caseNow} (a departure, a
   * designation, a change of their deadline): the person's watches that fell due on the case clock
   * before it are escalated (or settled) first, in the caller's transaction, so that in case time
   * the escalation comes before what ends it, whether or not the poller has reached it yet. A real
   * mission's watches are left to the poller.
   *
   * @return how many watches were handled
   */
  public int catchUp(UUID staffId, Instant caseNow) {
    // Waits for a poller holding the watch: it is escalated then, and not twice.
    List<Watch> due = claim(EXERCISE_OF_PERSON, Map.of("now", Timestamp.from(caseNow), "staffId", staffId), BATCH, "");
    Instant now = clock.instant();
    due.forEach(watch -> escalate(watch, now));
    return due.size();
  }

  // A real mission's watches fall due on the wall clock; an exercise's on its case clock (the
  // case_clock replica, read here only), and not at all before a clock is known for it.
  private static final String REAL_MISSIONS =
      """
      select e.* from escalation e
      where e.status = 'WAITING' and e.exercise_mission_id is null and e.due_at <= :now
      """;
  private static final String EXERCISES =
      """
      select e.* from escalation e join case_clock c on c.mission_id = e.exercise_mission_id
      where e.status = 'WAITING' and e.exercise_mission_id is not null and e.due_at <= c.case_now
        and (e.retry_after is null or e.retry_after <= :now)
      """;

  private static final String EXERCISE_OF_PERSON =
      """
      select e.* from escalation e
      where e.status = 'WAITING' and e.exercise_mission_id is not null and e.staff_id = :staffId and e.due_at <= :now
      """;

  /** @param skipLocked {@code "skip locked"}, or empty to wait for the rows another transaction holds */
  private List<Watch> claim(String dueOnItsClock, Map<String, Object> parameters, int limit, String skipLocked) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.sql(dueOnItsClock + " order by e.due_at limit :batch for update of e " + skipLocked)
        .params(parameters)
        .param("batch", limit)
        .query(
            (rs, row) ->
                new Watch(
                    rs.getObject("staff_id", UUID.class),
                    rs.getString("deadline_kind"),
                    rs.getObject("deadline_id", UUID.class),
                    rs.getInt("deadline_version"),
                    rs.getInt("round"),
                    rs.getTimestamp("due_at").toInstant(),
                    rs.getObject("exercise_mission_id") != null))
        .list();
  }

  private void escalate(Watch watch, Instant now) {
    Optional<DepartureOrder> order =
        orders.findForUpdate(watch.staffId(), watch.kind())
            .filter(held -> held.state() == DepartureOrders.State.ACTIVE && held.order().round() == watch.round())
            .map(DepartureOrders.Held::order);
    if (order.isEmpty()) {
      close(watch, "CANCELLED", null, now);
      return;
    }
    if (alerts.acknowledgedAny(watch.staffId(), watch.kind(), watch.round(), watch.version())) {
      close(watch, "SETTLED", null, now);
      return;
    }
    List<OfficeHead> heads;
    try {
      heads = officeHeads.of(order.get().officeCode());
    } catch (OfficeHeads.OfficeHeadsUnavailable e) {
      log.atWarn().addKeyValue("staffId", watch.staffId()).log("Escalation postponed by {}: {}", settings.retryAfter(), e.getMessage());
      // A real mission's watch moves on the wall clock; an exercise's keeps its due instant on the
      // case clock (it is what the escalation will be stamped with) and waits on the wall clock.
      String postpone = watch.exercise() ? "retry_after = :due" : "due_at = :due";
      jdbc.sql("update escalation set " + postpone + " where staff_id = :staffId and deadline_id = :deadlineId and deadline_version = :version and round = :round")
          .param("due", Timestamp.from(now.plus(settings.retryAfter())))
          .params(key(watch))
          .update();
      return;
    }
    // An exercise's escalation happens at its due instant on the case clock, however far a jump went.
    Instant escalatedAt = watch.exercise() ? watch.dueAt() : now;
    for (OfficeHead head : heads) {
      queue.toOfficeHead(order.get(), head.username(), head.email(), head.language(), escalatedAt);
    }
    if (heads.isEmpty()) {
      log.atError()
          .addKeyValue("staffId", watch.staffId())
          .addKeyValue("office", order.get().officeCode())
          .log("Departure alert unacknowledged, and office {} has no office head to tell", order.get().officeCode());
    }
    outbox.append(
        order.get().officeCode(),
        new AlertEscalated(
            watch.staffId(), order.get().missionId(), order.get().officeCode(), watch.deadlineId(), watch.version(), escalatedAt, heads.size()),
        escalatedAt);
    close(watch, "ESCALATED", heads.size(), now);
    log.atInfo().addKeyValue("staffId", watch.staffId()).addKeyValue("officeHeads", heads.size()).log("Unacknowledged departure alert escalated");
  }

  private void close(Watch watch, String status, Integer heads, Instant now) {
    jdbc.sql(
            """
            update escalation set status = :status, settled_at = :now, office_heads = :heads
            where staff_id = :staffId and deadline_id = :deadlineId and deadline_version = :version and round = :round
            """)
        .param("status", status)
        .param("now", Timestamp.from(now))
        .param("heads", heads)
        .params(key(watch))
        .update();
  }

  private static Map<String, Object> key(Watch watch) {
    return Map.of("staffId", watch.staffId(), "deadlineId", watch.deadlineId(), "version", watch.version(), "round", watch.round());
  }
}
