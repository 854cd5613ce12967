package org.interestsoffice.missions.protection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.missions.events.ProtectingPowerDesignated;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sending state entrusts its interests to a third state the host accepts (VCDR art. 45,
 * VCCR art. 27): possible once relations are severed, once per mission.
 */
@Service
public class DesignatingProtectingPower {

  private final MissionRepository missions;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Clock clock;

  DesignatingProtectingPower(MissionRepository missions, JdbcClient jdbc, Outbox outbox, Clock clock) {
    this.missions = missions;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
  }

  public record Designation(String protectingState, ProtectionScope scope, Instant hostConsentAt) {}

  /**
   * @param entryIntoForce the mandate takes effect with the host state's consent
   */
  public record Mandate(
      UUID id,
      UUID missionId,
      String protectedState,
      String protectingState,
      String receivingState,
      ProtectionScope scope,
      Instant hostConsentAt,
      Instant entryIntoForce,
      String designatedBy,
      Instant designatedAt) {}

  @Transactional
  public Mandate designate(UUID missionId, Designation designation) {
    Instant now = clock.instant();
    Caller caller = Callers.current();
    Mission mission = missions.lock(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireAction(caller, "designate a protecting power", mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    RecordingNotes.requireNotInTheFuture("hostConsentAt", designation.hostConsentAt(), now);
    if (designation.protectingState().equals(mission.sendingState()) || designation.protectingState().equals(mission.receivingState())) {
      throw ProblemException.invalid(
              "Invalid protecting power", "The protecting state must be a third state, not " + designation.protectingState())
          .with("field", "protectingState");
    }
    if (mission.status() == MissionStatus.OPERATING) {
      throw ProblemException.conflict(
              "Protecting power not allowed", "A protecting power is designated once relations are severed; the mission is OPERATING")
          .with("currentStatus", mission.status());
    }
    if (find(missionId).isPresent()) {
      throw ProblemException.conflict("Protecting power already designated", "Mission " + missionId + " already has a protecting power");
    }
    Mandate mandate =
        new Mandate(
            UUID.randomUUID(), missionId, mission.sendingState(), designation.protectingState(), mission.receivingState(),
            designation.scope(), designation.hostConsentAt(), designation.hostConsentAt(), caller.username(), now);
    jdbc.sql(
            """
            insert into protecting_power_mandate (id, mission_id, protected_state, protecting_state, receiving_state, scope,
                                                  host_consent_at, entry_into_force, designated_by, designated_at)
            values (:id, :missionId, :protected, :protecting, :receiving, :scope, :consent, :entry, :actor, :at)
            """)
        .param("id", mandate.id())
        .param("missionId", missionId)
        .param("protected", mandate.protectedState())
        .param("protecting", mandate.protectingState())
        .param("receiving", mandate.receivingState())
        .param("scope", mandate.scope().name())
        .param("consent", Timestamp.from(mandate.hostConsentAt()))
        .param("entry", Timestamp.from(mandate.entryIntoForce()))
        .param("actor", mandate.designatedBy())
        .param("at", Timestamp.from(now))
        .update();
    outbox.append(
        mission.officeCode(),
        new ProtectingPowerDesignated(
            missionId, mission.officeCode(), mandate.protectedState(), mandate.protectingState(), mandate.receivingState(),
            mandate.scope().name(), mandate.hostConsentAt(), mandate.entryIntoForce()));
    Audit.changed(caller, "designate protecting power", mission.officeCode(), missionId);
    return mandate;
  }

  private java.util.Optional<Mandate> find(UUID missionId) {
    List<Mandate> found =
        jdbc.sql("select * from protecting_power_mandate where mission_id = :missionId")
            .param("missionId", missionId)
            .query(
                (rs, row) ->
                    new Mandate(
                        rs.getObject("id", UUID.class),
                        rs.getObject("mission_id", UUID.class),
                        rs.getString("protected_state"),
                        rs.getString("protecting_state"),
                        rs.getString("receiving_state"),
                        ProtectionScope.valueOf(rs.getString("scope")),
                        rs.getTimestamp("host_consent_at").toInstant(),
                        rs.getTimestamp("entry_into_force").toInstant(),
                        rs.getString("designated_by"),
                        rs.getTimestamp("designated_at").toInstant()))
            .list();
    return found.stream().findFirst();
  }
}
