package org.interestsoffice.missions.mission;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.missions.events.MissionRegistered;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RegisteringMissions {

  private final MissionRepository missions;
  private final Outbox outbox;
  private final Clock clock;

  RegisteringMissions(MissionRepository missions, Outbox outbox, Clock clock) {
    this.missions = missions;
    this.outbox = outbox;
    this.clock = clock;
  }

  public record NewMission(
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone) {}

  @Transactional
  public Mission register(NewMission request) {
    Mission mission =
        Mission.register(
            request.officeCode(),
            request.kind(),
            request.name(),
            request.sendingState(),
            request.receivingState(),
            request.city(),
            request.timeZone(),
            clock.instant());
    missions.add(mission);
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
            mission.timeZone().getId()));
    return mission;
  }

  @Transactional(readOnly = true)
  public Mission get(UUID id) {
    return missions.find(id).orElseThrow(() -> ProblemException.notFound("Mission", id));
  }

  @Transactional(readOnly = true)
  public List<Mission> all() {
    return missions.all();
  }
}
