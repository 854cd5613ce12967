package org.interestsoffice.missions.lifecycle;

import java.util.UUID;

import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Component;

/** The first step of every change to a mission: lock it, and let only its office's heads act. */
@Component
class MissionChanges {

  private final MissionRepository missions;

  MissionChanges(MissionRepository missions) {
    this.missions = missions;
  }

  /** The mission, locked until the transaction ends; 404 for another office, 403 for a role that may not act. */
  Mission lockForAction(Caller caller, UUID missionId, String action) {
    Mission mission = missions.lock(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireAction(caller, action, mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    return mission;
  }
}
