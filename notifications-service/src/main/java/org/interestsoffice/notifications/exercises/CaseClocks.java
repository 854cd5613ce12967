package org.interestsoffice.notifications.exercises;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications' replica of the exercises' case clocks. Missions owns a case clock and announces
 * every move ({@code CaseClockAdvanced}); an exercise's orders also carry case-time instants. The
 * replica only moves forward, whatever order those arrive in. A real mission has no row here and
 * runs on the injected wall clock.
 */
@Repository
public class CaseClocks {

  private final JdbcClient jdbc;

  CaseClocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The exercise's case clock has reached at least {@code caseNow}; an older instant changes nothing. */
  public void reached(UUID missionId, Instant caseNow) {
    jdbc.sql(
            """
            insert into case_clock (mission_id, case_now) values (:missionId, :caseNow)
            on conflict (mission_id) do update set case_now = greatest(case_clock.case_now, excluded.case_now)
            """)
        .param("missionId", missionId)
        .param("caseNow", Timestamp.from(caseNow))
        .update();
  }
}
