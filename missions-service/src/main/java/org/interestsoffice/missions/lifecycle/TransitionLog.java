package org.interestsoffice.missions.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.mission.MissionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every status change of a mission, with its legal basis, the note behind it and who acted. */
@Repository
class TransitionLog {

  private final JdbcClient jdbc;

  TransitionLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param recordedAt when it was entered
   * @param effectiveAt when it took effect
   */
  void record(
      UUID missionId, MissionStatus from, MissionStatus to, String legalBasis, String noteReference, String actor,
      Instant recordedAt, Instant effectiveAt) {
    jdbc.sql(
            """
            insert into mission_transition (mission_id, from_status, to_status, legal_basis, note_reference, actor, occurred_at,
                                            effective_at)
            values (:missionId, :from, :to, :legalBasis, :note, :actor, :at, :effectiveAt)
            """)
        .param("missionId", missionId)
        .param("from", from.name())
        .param("to", to.name())
        .param("legalBasis", legalBasis)
        .param("note", noteReference)
        .param("actor", actor)
        .param("at", Timestamp.from(recordedAt))
        .param("effectiveAt", Timestamp.from(effectiveAt))
        .update();
  }

  /** When the mission's latest transition took effect, if it has had any. */
  Optional<Instant> lastEffectiveAt(UUID missionId) {
    return jdbc.sql("select max(effective_at) from mission_transition where mission_id = :missionId")
        .param("missionId", missionId)
        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }
}
