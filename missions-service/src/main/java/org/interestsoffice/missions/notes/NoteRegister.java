package org.interestsoffice.missions.notes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The office's register of diplomatic notes. */
@Repository
public class NoteRegister {

  private final JdbcClient jdbc;
  private final Clock clock;

  NoteRegister(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the note a command rests on, or confirms one already recorded with the same direction
   * and instant. A reference can only ever stand for one note.
   */
  public DiplomaticNote recordCited(
      UUID missionId, String officeCode, String reference, NoteDirection direction, Instant at, String summary, String actor) {
    Optional<DiplomaticNote> existing = find(officeCode, reference);
    if (existing.isPresent()) {
      DiplomaticNote note = existing.get();
      if (note.direction() != direction || !note.at().equals(at)) {
        throw alreadyUsed(note);
      }
      return note;
    }
    return insert(missionId, new DiplomaticNote(UUID.randomUUID(), officeCode, reference, direction, at, summary), actor);
  }

  /** Records an incoming note, or confirms one already recorded with the same receipt time. */
  public DiplomaticNote recordIncoming(
      UUID missionId, String officeCode, String reference, Instant receivedAt, String summary, String actor) {
    return recordCited(missionId, officeCode, reference, NoteDirection.INCOMING, receivedAt, summary, actor);
  }

  /** Records a new note for the mission; a reference the office already used is refused. */
  public DiplomaticNote record(UUID missionId, DiplomaticNote note, String actor) {
    find(note.officeCode(), note.reference()).ifPresent(existing -> {
      throw alreadyUsed(existing);
    });
    return insert(missionId, note, actor);
  }

  /** The note a transition or a deadline change cites; a reference not in the register is refused. */
  public DiplomaticNote require(String officeCode, String reference) {
    return find(officeCode, reference)
        .orElseThrow(
            () ->
                ProblemException.invalid(
                        "Unknown note", "Note " + reference + " is not in the register of office " + officeCode
                            + ": record it first (POST /api/missions/{id}/notes)")
                    .with("noteReference", reference));
  }

  public Optional<DiplomaticNote> find(String officeCode, String reference) {
    return jdbc.sql("select * from diplomatic_note where office_code = :office and reference = :reference")
        .param("office", officeCode)
        .param("reference", reference)
        .query(NoteRegister::map)
        .optional();
  }

  /** The notes recorded for the mission, in the order they were received or sent. */
  public List<DiplomaticNote> ofMission(UUID missionId) {
    return jdbc.sql("select * from diplomatic_note where mission_id = :missionId order by noted_at, reference")
        .param("missionId", missionId)
        .query(NoteRegister::map)
        .list();
  }

  private DiplomaticNote insert(UUID missionId, DiplomaticNote note, String actor) {
    jdbc.sql(
            """
            insert into diplomatic_note (id, office_code, reference, direction, noted_at, summary, mission_id, recorded_by,
                                         recorded_at)
            values (:id, :office, :reference, :direction, :at, :summary, :missionId, :actor, :recordedAt)
            """)
        .param("id", note.id())
        .param("office", note.officeCode())
        .param("reference", note.reference())
        .param("direction", note.direction().name())
        .param("at", Timestamp.from(note.at()))
        .param("summary", note.summary(), Types.VARCHAR)
        .param("missionId", missionId)
        .param("actor", actor)
        .param("recordedAt", Timestamp.from(clock.instant()))
        .update();
    return note;
  }

  private static ProblemException alreadyUsed(DiplomaticNote note) {
    return ProblemException.conflict(
            "Note reference already used",
            "Note " + note.reference() + " is already registered as " + note.direction() + " at " + note.at())
        .with("noteReference", note.reference());
  }

  private static DiplomaticNote map(ResultSet rs, int row) throws SQLException {
    return new DiplomaticNote(
        rs.getObject("id", UUID.class),
        rs.getString("office_code"),
        rs.getString("reference"),
        NoteDirection.valueOf(rs.getString("direction")),
        rs.getTimestamp("noted_at").toInstant(),
        rs.getString("summary"));
  }
}
