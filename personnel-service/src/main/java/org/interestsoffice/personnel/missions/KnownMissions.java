package org.interestsoffice.personnel.missions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.events.CaseClockAdvanced;
import org.interestsoffice.personnel.events.InterestsSectionEstablished;
import org.interestsoffice.personnel.events.MissionRegistered;
import org.interestsoffice.personnel.events.NegotiationOpened;
import org.interestsoffice.personnel.events.RelationsRestored;
import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Personnel's own copy of the missions it may register staff into. */
@Repository
public class KnownMissions {

  private final JdbcClient jdbc;

  KnownMissions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void onMissionRegistered(MissionRegistered event, EventEnvelope envelope) {
    jdbc.sql(
            """
            insert into known_mission (id, office_code, name, receiving_state, time_zone, interests_section, staff_ceiling,
                                       exercise_starts_at, case_now)
            values (:id, :office, :name, :receiving, :zone, :section, :staffCeiling, :exerciseStartsAt, :exerciseStartsAt)
            on conflict (id) do update set name = excluded.name, receiving_state = excluded.receiving_state,
                                           time_zone = excluded.time_zone
            """)
        .param("id", event.missionId())
        .param("office", event.officeCode())
        .param("name", event.name())
        .param("receiving", event.receivingState())
        .param("zone", event.timeZone())
        .param("section", event.interestsSection())
        .param("staffCeiling", event.interestsSection() ? event.staffCeiling() : null)
        .param("exerciseStartsAt", timestamp(event.exerciseStartsAt()), java.sql.Types.TIMESTAMP)
        .update();
  }

  /** An exercise's case clock moved: kept only forward, whatever the order the events arrive in. */
  public void onCaseClockAdvanced(CaseClockAdvanced event, EventEnvelope envelope) {
    int updated =
        jdbc.sql(
                """
                update known_mission set case_now = greatest(case_now, :caseNow)
                where id = :id and exercise_starts_at is not null
                """)
            .param("caseNow", Timestamp.from(event.caseNow()))
            .param("id", event.missionId())
            .update();
    requireKnown(event.missionId(), updated);
  }

  /**
   * An exercise's event occurred at {@code at} on its case clock: the clock has reached it. Nothing
   * for a real mission, or one not known yet (its registration brings its clock).
   */
  public void caseClockReached(UUID missionId, Instant at) {
    jdbc.sql("update known_mission set case_now = greatest(case_now, :at) where id = :id and exercise_starts_at is not null")
        .param("at", Timestamp.from(at))
        .param("id", missionId)
        .update();
  }

  /** The agreed ceiling and the negotiation deadline. */
  public void recordNegotiation(NegotiationOpened event) {
    int updated =
        jdbc.sql(
                """
                update known_mission
                set remaining_staff_ceiling = :ceiling, negotiation_deadline_id = :deadlineId, negotiation_due_at = :dueAt
                where id = :id
                """)
            .param("ceiling", event.remainingStaffCeiling())
            .param("deadlineId", event.deadlineId())
            .param("dueAt", timestamp(event.dueAt()))
            .param("id", event.missionId())
            .update();
    requireKnown(event.missionId(), updated);
  }

  /**
   * The interests section's agreed staff ceiling replaces the one agreed for the negotiation, and
   * the rupture's order no longer reaches those who join the section from now on.
   */
  public void onInterestsSectionEstablished(InterestsSectionEstablished event, EventEnvelope envelope) {
    int updated =
        jdbc.sql("update known_mission set remaining_staff_ceiling = :ceiling, interests_section = true where id = :id")
            .param("ceiling", event.staffCeiling())
            .param("id", event.missionId())
            .update();
    requireKnown(event.missionId(), updated);
  }

  /**
   * Relations restored: the section is an embassy again, with no ceiling, and nobody joining it is
   * ordered out by an order of the past.
   */
  public void onRelationsRestored(RelationsRestored event, EventEnvelope envelope) {
    require(event.missionId());
    jdbc.sql(
            """
            update known_mission
            set interests_section = false, staff_ceiling = null, remaining_staff_ceiling = null,
                departure_lineage_id = null, reduction_lineage_id = null
            where id = :id
            """)
        .param("id", event.missionId())
        .update();
  }

  /** The host capped the mission: the ceiling is the remaining-staff ceiling while the reduction runs. */
  public void recordReduction(UUID missionId, int ceiling, UUID lineageId) {
    jdbc.sql("update known_mission set remaining_staff_ceiling = :ceiling, reduction_lineage_id = :lineage where id = :id")
        .param("ceiling", ceiling)
        .param("lineage", lineageId)
        .param("id", missionId)
        .update();
  }

  /** A rupture overtook the reduction: its ceiling no longer counts, and its order no longer runs. */
  public void liftReduction(UUID missionId) {
    jdbc.sql("update known_mission set remaining_staff_ceiling = null, reduction_lineage_id = null where id = :id")
        .param("id", missionId)
        .update();
  }

  public void recordDepartureLineage(UUID missionId, UUID lineageId) {
    jdbc.sql("update known_mission set departure_lineage_id = :lineage where id = :id")
        .param("lineage", lineageId)
        .param("id", missionId)
        .update();
  }

  public void recordCessation(UUID missionId, Instant effectiveAt) {
    jdbc.sql("update known_mission set ceased_at = :at where id = :id")
        .param("at", timestamp(effectiveAt))
        .param("id", missionId)
        .update();
  }

  public Optional<KnownMission> find(UUID id) {
    return jdbc.sql("select * from known_mission where id = :id").param("id", id).query(KnownMissions::map).optional();
  }

  /**
   * The mission, locked until the end of the transaction: whatever is decided per mission (how many
   * remain within the ceiling) is decided by one transaction at a time.
   */
  public Optional<KnownMission> findForUpdate(UUID id) {
    return jdbc.sql("select * from known_mission where id = :id for update").param("id", id).query(KnownMissions::map).optional();
  }

  /** A mission event about a mission personnel never heard of is retried, then dead-lettered. */
  public KnownMission require(UUID id) {
    return findForUpdate(id).orElseThrow(() -> new IllegalStateException("Mission " + id + " is not known yet"));
  }

  private static void requireKnown(UUID missionId, int updated) {
    if (updated != 1) {
      throw new IllegalStateException("Mission " + missionId + " is not known yet");
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static KnownMission map(ResultSet rs, int row) throws SQLException {
    Timestamp negotiationDueAt = rs.getTimestamp("negotiation_due_at");
    Timestamp ceasedAt = rs.getTimestamp("ceased_at");
    return new KnownMission(
        rs.getObject("id", UUID.class),
        rs.getString("office_code"),
        rs.getString("name"),
        rs.getString("receiving_state"),
        rs.getString("time_zone"),
        rs.getObject("remaining_staff_ceiling", Integer.class),
        rs.getObject("negotiation_deadline_id", UUID.class),
        negotiationDueAt == null ? null : negotiationDueAt.toInstant(),
        rs.getObject("departure_lineage_id", UUID.class),
        ceasedAt == null ? null : ceasedAt.toInstant(),
        rs.getObject("reduction_lineage_id", UUID.class),
        rs.getBoolean("interests_section"),
        rs.getObject("staff_ceiling", Integer.class),
        Optional.ofNullable(rs.getTimestamp("case_now")).map(Timestamp::toInstant).orElse(null));
  }
}
