package org.interestsoffice.notifications.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The departure orders notifications follows, one per person and deadline kind. */
@Repository
public class DepartureOrders {

  /** Whether a person still needs alerts about an order. */
  public enum State {
    ACTIVE,
    ENDED
  }

  /**
   * An order and where it stands.
   *
   * @param announcedAt when personnel announced what the row holds (or, for an order another one
   *     replaced, when the replacing one was announced)
   */
  public record Held(DepartureOrder order, State state, Instant announcedAt) {}

  private final JdbcClient jdbc;

  DepartureOrders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The person's order of that kind, locked until the transaction ends. */
  public Optional<Held> findForUpdate(UUID staffId, String deadlineKind) {
    return jdbc.sql("select * from departure_order where staff_id = :staffId and deadline_kind = :kind for update")
        .param("staffId", staffId)
        .param("kind", deadlineKind)
        .query((rs, row) -> new Held(map(rs), State.valueOf(rs.getString("state")), rs.getTimestamp("announced_at").toInstant()))
        .optional();
  }

  /**
   * Records the order; returns false if another transaction recorded one for the person and kind
   * first (the caller then reads it with {@link #findForUpdate} and decides again).
   */
  public boolean insert(DepartureOrder order, Instant announcedAt) {
    return jdbc.sql(
                """
                insert into departure_order (staff_id, deadline_kind, mission_id, office_code, mission_name, mission_time_zone,
                                             deadline_id, deadline_version, deadline_status, due_at, round, state, announced_at, exercise)
                values (:staffId, :kind, :missionId, :office, :missionName, :zone, :deadlineId, :version, :status, :dueAt,
                        :round, 'ACTIVE', :announcedAt, :exercise)
                on conflict do nothing
                """)
            .params(parameters(order, announcedAt))
            .update()
        == 1;
  }

  /** Replaces the person's order of that kind and makes it active. */
  public void update(DepartureOrder order, Instant announcedAt) {
    jdbc.sql(
            """
            update departure_order
            set mission_name = :missionName, mission_time_zone = :zone, deadline_id = :deadlineId,
                deadline_version = :version, deadline_status = :status, due_at = :dueAt, round = :round,
                state = 'ACTIVE', announced_at = :announcedAt, exercise = :exercise
            where staff_id = :staffId and deadline_kind = :kind
            """)
        .params(parameters(order, announcedAt))
        .update();
  }

  /**
   * Ends the person's active orders announced before {@code at}, and remembers when and why, so an
   * older announcement that arrives later is recognised.
   *
   * @return the orders that ended
   */
  public List<DepartureOrder> end(UUID staffId, String reason, Instant at) {
    jdbc.sql(
            """
            insert into staff_ending (staff_id, reason, ended_at) values (:staffId, :reason, :at)
            on conflict (staff_id) do update set reason = excluded.reason, ended_at = excluded.ended_at
              where staff_ending.ended_at < excluded.ended_at
            """)
        .param("staffId", staffId)
        .param("reason", reason)
        .param("at", Timestamp.from(at))
        .update();
    return jdbc.sql(
            """
            update departure_order set state = 'ENDED'
            where staff_id = :staffId and state = 'ACTIVE' and announced_at <= :at
            returning *
            """)
        .param("staffId", staffId)
        .param("at", Timestamp.from(at))
        .query((rs, row) -> map(rs))
        .list();
  }

  /**
   * Ends the person's order of the replaced kind, up to the replaced version, as of the instant the
   * replacing order was announced: an announcement of it older than that, arriving late, is then
   * recognised as overtaken. If no such order is held yet (the replacing order overtook it on the
   * way), one is recorded as ended for the same reason. An order held at a newer version stays.
   *
   * @param replaced the order as the replacing announcement names it (kind, deadline and version),
   *     with the mission it belongs to
   * @return whether the order is ended now (false if a newer version is held)
   */
  public boolean endReplaced(DepartureOrder replaced, Instant replacedAt) {
    return jdbc.sql(
                """
                insert into departure_order (staff_id, deadline_kind, mission_id, office_code, mission_name, mission_time_zone,
                                             deadline_id, deadline_version, deadline_status, due_at, round, state, announced_at, exercise)
                values (:staffId, :kind, :missionId, :office, :missionName, :zone, :deadlineId, :version, :status, :dueAt,
                        :round, 'ENDED', :announcedAt, :exercise)
                on conflict (staff_id, deadline_kind) do update
                  set state = 'ENDED', announced_at = greatest(departure_order.announced_at, excluded.announced_at)
                  where departure_order.deadline_version <= excluded.deadline_version
                """)
            .params(parameters(replaced, replacedAt))
            .update()
        == 1;
  }

  /** When personnel last said the person needs no more alerts, if it did. */
  public Optional<Instant> endedAt(UUID staffId) {
    return jdbc.sql("select ended_at from staff_ending where staff_id = :staffId")
        .param("staffId", staffId)
        .query((rs, row) -> rs.getTimestamp("ended_at").toInstant())
        .optional();
  }

  /** Which order a reminder or an alert was made for: the person's order of a kind, at a version and round. */
  public record Version(UUID staffId, String deadlineKind, int deadlineVersion, int round) {}

  /**
   * The orders as they are now of those still active at the version and round asked for (the others
   * are absent), in one query however many are asked.
   */
  public Map<Version, DepartureOrder> activeAt(Collection<Version> versions) {
    if (versions.isEmpty()) {
      return Map.of();
    }
    // By the whole primary key, so each pair is one probe of it whatever PostgreSQL's statistics
    // say: asked by person alone, a table just filled by a rupture (not yet analyzed) was read
    // whole for every batch of reminders (47-54 ms a batch of 100 at 100,000 orders, pg_stat_statements
    // in the reminder benchmark), as an exercise's case clock advanced right after its orders would.
    List<Object[]> keys =
        versions.stream().map(version -> List.of(version.staffId(), version.deadlineKind())).distinct().map(List::toArray).toList();
    Map<Version, DepartureOrder> active = new HashMap<>();
    jdbc.sql("select * from departure_order where (staff_id, deadline_kind) in (:keys) and state = 'ACTIVE'")
        .param("keys", keys)
        .query((rs, row) -> map(rs))
        .list()
        .forEach(order -> active.put(new Version(order.staffId(), order.deadlineKind(), order.deadlineVersion(), order.round()), order));
    active.keySet().retainAll(Set.copyOf(versions));
    return active;
  }

  private static Map<String, Object> parameters(DepartureOrder order, Instant announcedAt) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("staffId", order.staffId());
    parameters.put("kind", order.deadlineKind());
    parameters.put("missionId", order.missionId());
    parameters.put("office", order.officeCode());
    parameters.put("missionName", order.missionName());
    parameters.put("zone", order.missionTimeZone());
    parameters.put("deadlineId", order.deadlineId());
    parameters.put("version", order.deadlineVersion());
    parameters.put("status", order.deadlineStatus());
    parameters.put("dueAt", order.dueAt() == null ? null : Timestamp.from(order.dueAt()));
    parameters.put("round", order.round());
    parameters.put("announcedAt", Timestamp.from(announcedAt));
    parameters.put("exercise", order.exercise());
    return parameters;
  }

  private static DepartureOrder map(ResultSet rs) throws SQLException {
    Timestamp dueAt = rs.getTimestamp("due_at");
    return new DepartureOrder(
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("mission_name"),
        rs.getString("mission_time_zone"),
        rs.getString("deadline_kind"),
        rs.getObject("deadline_id", UUID.class),
        rs.getInt("deadline_version"),
        rs.getString("deadline_status"),
        dueAt == null ? null : dueAt.toInstant(),
        rs.getInt("round"),
        rs.getBoolean("exercise"));
  }
}
