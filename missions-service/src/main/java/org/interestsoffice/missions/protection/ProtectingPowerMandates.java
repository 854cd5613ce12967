package org.interestsoffice.missions.protection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mandates of protecting powers and every step of their lives: the one writer of both tables. */
@Repository
class ProtectingPowerMandates {

  /** What happened to a mandate, as kept for the timeline. */
  enum Change {
    DESIGNATED,
    CONSENTED,
    TERMINATED
  }

  private final JdbcClient jdbc;

  ProtectingPowerMandates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Mandate mandate) {
    jdbc.sql(
            """
            insert into protecting_power_mandate (id, mission_id, protected_state, protecting_state, receiving_state, scope,
                                                  host_consent_at, entry_into_force, designated_by, designated_at, status,
                                                  custody_of_premises, custody_of_archives, predecessor_id)
            values (:id, :missionId, :protected, :protecting, :receiving, :scope, :consent, :entry, :actor, :at, :status,
                    :premises, :archives, :predecessor)
            """)
        .param("id", mandate.id())
        .param("missionId", mandate.missionId())
        .param("protected", mandate.protectedState())
        .param("protecting", mandate.protectingState())
        .param("receiving", mandate.receivingState())
        .param("scope", mandate.scope().name())
        .param("consent", timestamp(mandate.hostConsentAt()), Types.TIMESTAMP)
        .param("entry", timestamp(mandate.entryIntoForce()), Types.TIMESTAMP)
        .param("actor", mandate.designatedBy())
        .param("at", Timestamp.from(mandate.designatedAt()))
        .param("status", mandate.status().name())
        .param("premises", mandate.custodyOfPremises())
        .param("archives", mandate.custodyOfArchives())
        .param("predecessor", mandate.predecessorId(), Types.OTHER)
        .update();
  }

  void update(Mandate mandate) {
    jdbc.sql(
            """
            update protecting_power_mandate
            set status = :status, host_consent_at = :consent, entry_into_force = :entry, terminated_at = :terminatedAt,
                termination_note = :note
            where id = :id
            """)
        .param("status", mandate.status().name())
        .param("consent", timestamp(mandate.hostConsentAt()), Types.TIMESTAMP)
        .param("entry", timestamp(mandate.entryIntoForce()), Types.TIMESTAMP)
        .param("terminatedAt", timestamp(mandate.terminatedAt()), Types.TIMESTAMP)
        .param("note", mandate.terminationNote(), Types.VARCHAR)
        .param("id", mandate.id())
        .update();
  }

  /** Keeps a step of the mandate's life for the mission's timeline. */
  void recordChange(Mandate mandate, Change change, String noteReference, String actor, Instant effectiveAt, Instant recordedAt) {
    jdbc.sql(
            """
            insert into protecting_power_change (mandate_id, mission_id, change, status, protecting_state, note_reference, actor,
                                                 effective_at, recorded_at)
            values (:mandateId, :missionId, :change, :status, :protecting, :note, :actor, :effectiveAt, :recordedAt)
            """)
        .param("mandateId", mandate.id())
        .param("missionId", mandate.missionId())
        .param("change", change.name())
        .param("status", mandate.status().name())
        .param("protecting", mandate.protectingState())
        .param("note", noteReference, Types.VARCHAR)
        .param("actor", actor)
        .param("effectiveAt", Timestamp.from(effectiveAt))
        .param("recordedAt", Timestamp.from(recordedAt))
        .update();
  }

  /** The mission's mandate pending consent or in force (at most one), locked until the transaction ends. */
  Optional<Mandate> lockCurrent(UUID missionId) {
    return jdbc.sql("select * from protecting_power_mandate where mission_id = :missionId and status <> 'TERMINATED' for update")
        .param("missionId", missionId)
        .query(ProtectingPowerMandates::map)
        .optional();
  }

  /** Every mandate the mission has had, oldest first. */
  List<Mandate> ofMission(UUID missionId) {
    return jdbc.sql("select * from protecting_power_mandate where mission_id = :missionId order by designated_at, id")
        .param("missionId", missionId)
        .query(ProtectingPowerMandates::map)
        .list();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Mandate map(ResultSet rs, int row) throws SQLException {
    return new Mandate(
        rs.getObject("id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("protected_state"),
        rs.getString("protecting_state"),
        rs.getString("receiving_state"),
        ProtectionScope.valueOf(rs.getString("scope")),
        MandateStatus.valueOf(rs.getString("status")),
        instant(rs, "host_consent_at"),
        instant(rs, "entry_into_force"),
        rs.getBoolean("custody_of_premises"),
        rs.getBoolean("custody_of_archives"),
        rs.getObject("predecessor_id", UUID.class),
        instant(rs, "terminated_at"),
        rs.getString("termination_note"),
        rs.getString("designated_by"),
        rs.getTimestamp("designated_at").toInstant());
  }
}
