package org.interestsoffice.missions.notes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The office's register of diplomatic notes. */
@Repository
public class NoteRegister {

  private final JdbcClient jdbc;

  NoteRegister(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records an incoming note, or confirms one already recorded with the same receipt time. A
   * reference can only ever stand for one note.
   */
  public DiplomaticNote recordIncoming(String officeCode, String reference, Instant receivedAt, String summary) {
    Optional<DiplomaticNote> existing = find(officeCode, reference);
    if (existing.isPresent()) {
      DiplomaticNote note = existing.get();
      if (note.direction() != NoteDirection.INCOMING || !note.at().equals(receivedAt)) {
        throw ProblemException.conflict(
                "Note reference already used",
                "Note " + reference + " is already registered as " + note.direction() + " at " + note.at())
            .with("noteReference", reference);
      }
      return note;
    }
    DiplomaticNote note =
        new DiplomaticNote(UUID.randomUUID(), officeCode, reference, NoteDirection.INCOMING, receivedAt, summary);
    jdbc.sql(
            """
            insert into diplomatic_note (id, office_code, reference, direction, noted_at, summary)
            values (:id, :office, :reference, :direction, :at, :summary)
            """)
        .param("id", note.id())
        .param("office", officeCode)
        .param("reference", reference)
        .param("direction", note.direction().name())
        .param("at", Timestamp.from(receivedAt))
        .param("summary", summary)
        .update();
    return note;
  }

  public Optional<DiplomaticNote> find(String officeCode, String reference) {
    return jdbc.sql("select * from diplomatic_note where office_code = :office and reference = :reference")
        .param("office", officeCode)
        .param("reference", reference)
        .query(
            (rs, row) ->
                new DiplomaticNote(
                    rs.getObject("id", UUID.class),
                    rs.getString("office_code"),
                    rs.getString("reference"),
                    NoteDirection.valueOf(rs.getString("direction")),
                    rs.getTimestamp("noted_at").toInstant(),
                    rs.getString("summary")))
        .optional();
  }
}
