package org.interestsoffice.missions.mission;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.events.MissionRegistered;
import org.interestsoffice.missions.protection.ManagingProtectingPower;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RegisteringMissions {

  private final MissionRepository missions;
  private final ManagingProtectingPower protection;
  private final Outbox outbox;
  private final Clock clock;

  RegisteringMissions(MissionRepository missions, ManagingProtectingPower protection, Outbox outbox, Clock clock) {
    this.missions = missions;
    this.protection = protection;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** For an interests section registered as such: the state it works under and the staff the host allows. */
  public record UnderProtection(String protectingState, int staffCeiling) {}

  public record NewMission(
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      Optional<UnderProtection> underProtection,
      Optional<Instant> exerciseStartsAt) {}

  @Transactional
  public Mission register(NewMission request) {
    Caller caller = Callers.current();
    OfficeAccess.requireOffice(caller, "register a mission", request.officeCode(), Role.OFFICE_HEAD);
    // An exercise is registered at the start of its case clock; a real mission now.
    Instant now = request.exerciseStartsAt().orElse(clock.instant());
    if (request.underProtection().isPresent() && request.kind() != MissionKind.INTERESTS_SECTION) {
      throw ProblemException.invalid(
              "Invalid mission", "protectingState and staffCeiling are for an interests section; a " + request.kind() + " has neither")
          .with("field", "protectingState");
    }
    Mission mission =
        request.underProtection().isPresent()
            ? Mission.registerInterestsSection(
                request.officeCode(), request.name(), request.sendingState(), request.receivingState(), request.city(),
                request.timeZone(), request.underProtection().get().protectingState(), request.underProtection().get().staffCeiling(), now)
            : Mission.register(
                request.officeCode(), request.kind(), request.name(), request.sendingState(), request.receivingState(), request.city(),
                request.timeZone(), now);
    request.exerciseStartsAt().ifPresent(mission::asExerciseFrom);
    missions.add(mission);
    if (mission.status() == MissionStatus.INTERESTS_SECTION) {
      protection.underProtectionFromRegistration(mission, caller, now);
    }
    outbox.append(
        mission.officeCode(),
        new MissionRegistered(
            mission.id(),
            mission.officeCode(),
            mission.kind().name(),
            mission.name(),
            mission.sendingState(),
            mission.receivingState(),
            mission.city(),
            mission.timeZone().getId(),
            mission.status().name(),
            mission.protectingState().orElse(null),
            mission.remainingStaffCeiling().orElse(null),
            mission.exercise().map(Exercise::startsAt).orElse(null)),
        now);
    Audit.changed(caller, "register mission", mission.officeCode(), mission.id());
    return mission;
  }

  /** A mission the caller may see; one of another office does not exist for them. */
  @Transactional(readOnly = true)
  public Mission get(UUID id) {
    Mission mission = missions.find(id).orElseThrow(() -> ProblemException.notFound("Mission", id));
    OfficeAccess.requireVisible(Callers.current(), mission.officeCode(), "Mission", id);
    return mission;
  }

  /** The missions of the caller's offices (all of them for ministry administrators). */
  @Transactional(readOnly = true)
  public List<Mission> visible() {
    return missions.all(Callers.current().officeFilter());
  }
}
