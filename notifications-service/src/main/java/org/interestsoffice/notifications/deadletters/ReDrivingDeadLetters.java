package org.interestsoffice.notifications.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DeliveryLog;
import org.interestsoffice.notifications.alerts.Dispatch;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.DeadLetters.DeadLetter;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ministry administrators see what did not get through, across every office, and send it again
 * once its cause is fixed: an event back to the queue it failed in (through the outbox, with its
 * own id, so it is handled once), an alert back to its channel's queue with its attempts reset.
 */
@Service
class ReDrivingDeadLetters {

  private final DeadLetters events;
  private final JdbcClient jdbc;
  private final DeliveryLog deliveryLog;
  private final Dispatch dispatch;
  private final Clock clock;

  ReDrivingDeadLetters(DeadLetters events, JdbcClient jdbc, DeliveryLog deliveryLog, Dispatch dispatch, Clock clock) {
    this.events = events;
    this.jdbc = jdbc;
    this.deliveryLog = deliveryLog;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  List<DeadLetterView> list(boolean waitingOnly) {
    requireMinistryAdmin("list dead letters", "dead letters");
    List<DeadLetterView> all = new ArrayList<>();
    events.list(waitingOnly).forEach(dead -> all.add(viewOf(dead)));
    all.addAll(undeliveredAlerts(null));
    all.sort(Comparator.comparing(DeadLetterView::deadLetteredAt).reversed().thenComparing(DeadLetterView::id));
    return all;
  }

  @Transactional
  DeadLetterView redrive(UUID id) {
    Caller caller = requireMinistryAdmin("re-drive a dead letter", id);
    Optional<DeadLetter> event = events.find(id);
    if (event.isPresent()) {
      if (!events.canRedrive(event.get())) {
        throw ProblemException.conflict("Not re-drivable", "This message could not be read as an event, so it cannot be handled again; it is kept for inspection");
      }
      DeadLetter redriven = events.redrive(id, caller.username()).orElseThrow();
      Audit.changed(caller, "re-drive event " + redriven.eventType(), String.valueOf(redriven.officeCode()), id);
      return viewOf(redriven);
    }
    Optional<DeadLetterView> alert = undeliveredAlerts(id).stream().findFirst();
    if (alert.isEmpty()) {
      if (alertExists(id)) {
        throw ProblemException.conflict("Not undelivered", "Alert " + id + " is not dead or failed; only those can be re-driven");
      }
      throw ProblemException.notFound("Dead letter", id);
    }
    jdbc.sql(
            """
            update alert set status = 'QUEUED', attempts = 0, last_error = null, next_attempt_at = now(),
                             redrive_count = redrive_count + 1, last_redriven_at = :at, last_redriven_by = :by
            where id = :id
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("by", caller.username())
        .param("id", id)
        .update();
    Channel channel = Channel.valueOf(alert.get().queue());
    deliveryLog.record(id, channel, AlertStatus.QUEUED, "Re-driven by " + caller.username());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatch.wakeUp(channel);
          }
        });
    Audit.changed(caller, "re-drive alert", alert.get().officeCode(), id);
    DeadLetterView before = alert.get();
    return new DeadLetterView(
        id, before.kind(), before.queue(), before.type(), before.officeCode(), before.reason(), before.deadLetteredAt(),
        "REDRIVEN", before.redriveCount() + 1, clock.instant(), caller.username(), false);
  }

  private static Caller requireMinistryAdmin(String action, Object object) {
    Caller caller = Callers.current();
    if (!caller.isMinistryAdmin()) {
      Audit.refused(caller, action, "*", object, "role");
      throw new ProblemException(403, "Forbidden", "Only ministry administrators may " + action);
    }
    return caller;
  }

  /** Alerts that are DEAD, or FAILED after being sent; one of them if an id is given. */
  private List<DeadLetterView> undeliveredAlerts(UUID id) {
    return jdbc.sql(
            """
            select a.id, a.channel, a.slot, a.office_code, a.last_error, a.status, a.redrive_count, a.last_redriven_at,
                   a.last_redriven_by,
                   coalesce((select max(d.at) from delivery_attempt d where d.alert_id = a.id and d.status = a.status), a.created_at)
                     as dead_at
            from alert a
            where a.status in ('DEAD', 'FAILED') and (cast(:id as uuid) is null or a.id = :id)
            order by dead_at desc
            """)
        .param("id", id)
        .query(ReDrivingDeadLetters::alertView)
        .list();
  }

  private boolean alertExists(UUID id) {
    return jdbc.sql("select exists (select 1 from alert where id = :id)").param("id", id).query(Boolean.class).single();
  }

  private DeadLetterView viewOf(DeadLetter dead) {
    return new DeadLetterView(
        dead.id(),
        "EVENT",
        dead.queue(),
        dead.eventType(),
        dead.officeCode(),
        dead.reason(),
        dead.deadLetteredAt(),
        dead.status(),
        dead.redriveCount(),
        dead.lastRedrivenAt(),
        dead.lastRedrivenBy(),
        events.canRedrive(dead));
  }

  private static DeadLetterView alertView(ResultSet rs, int row) throws SQLException {
    Timestamp redriven = rs.getTimestamp("last_redriven_at");
    return new DeadLetterView(
        rs.getObject("id", UUID.class),
        "ALERT",
        rs.getString("channel"),
        rs.getString("slot"),
        rs.getString("office_code"),
        rs.getString("last_error") == null ? rs.getString("status") : rs.getString("last_error"),
        rs.getTimestamp("dead_at").toInstant(),
        "WAITING",
        rs.getInt("redrive_count"),
        redriven == null ? null : redriven.toInstant(),
        rs.getString("last_redriven_by"),
        true);
  }
}
