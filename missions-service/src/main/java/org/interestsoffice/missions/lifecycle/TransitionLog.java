package org.interestsoffice.missions.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
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

  void record(
      UUID missionId, MissionStatus from, MissionStatus to, String legalBasis, String noteReference, String actor, Instant at) {
    jdbc.sql(
            """
            insert into mission_transition (mission_id, from_status, to_status, legal_basis, note_reference, actor, occurred_at)
            values (:missionId, :from, :to, :legalBasis, :note, :actor, :at)
            """)
        .param("missionId", missionId)
        .param("from", from.name())
        .param("to", to.name())
        .param("legalBasis", legalBasis)
        .param("note", noteReference)
        .param("actor", actor)
        .param("at", Timestamp.from(at))
        .update();
  }
}
