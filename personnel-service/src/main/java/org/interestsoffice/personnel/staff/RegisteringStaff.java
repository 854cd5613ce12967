package org.interestsoffice.personnel.staff;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.events.StaffRegistered;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RegisteringStaff {

  private final StaffRepository staff;
  private final KnownMissions missions;
  private final Outbox outbox;

  RegisteringStaff(StaffRepository staff, KnownMissions missions, Outbox outbox) {
    this.staff = staff;
    this.missions = missions;
    this.outbox = outbox;
  }

  public record NewStaffMember(
      UUID missionId,
      String fullName,
      StaffCategory category,
      UUID principalId,
      String nationality,
      String email,
      String phone,
      String preferredLanguage) {}

  @Transactional
  public StaffMember register(NewStaffMember request) {
    KnownMission mission =
        missions
            .find(request.missionId())
            .orElseThrow(
                () ->
                    ProblemException.invalid("Unknown mission", "No mission with id " + request.missionId())
                        .with("missionId", request.missionId()));
    checkPrincipal(request);
    StaffMember member =
        new StaffMember(
            UUID.randomUUID(),
            mission.id(),
            mission.officeCode(),
            request.fullName(),
            request.category(),
            request.principalId(),
            request.nationality(),
            request.email(),
            request.phone(),
            request.preferredLanguage(),
            StaffStatus.ACCREDITED,
            null,
            null,
            0);
    staff.add(member);
    outbox.append(
        member.officeCode(),
        new StaffRegistered(
            member.id(),
            member.missionId(),
            member.officeCode(),
            member.fullName(),
            member.category().name(),
            member.email(),
            member.phone(),
            member.preferredLanguage()));
    return member;
  }

  /** Family members belong to a principal of the same mission; nobody else has one. */
  private void checkPrincipal(NewStaffMember request) {
    boolean family = request.category() == StaffCategory.FAMILY_MEMBER;
    if (family != (request.principalId() != null)) {
      throw ProblemException.invalid(
          "Invalid principal",
          family ? "A family member needs the principalId of the staff member they belong to"
                 : "Only family members have a principal");
    }
    Optional.ofNullable(request.principalId())
        .ifPresent(
            principalId -> {
              StaffMember principal =
                  staff
                      .find(principalId)
                      .filter(p -> p.missionId().equals(request.missionId()))
                      .orElseThrow(
                          () ->
                              ProblemException.invalid(
                                  "Invalid principal", "No staff member " + principalId + " in mission " + request.missionId()));
              if (principal.category() == StaffCategory.FAMILY_MEMBER) {
                throw ProblemException.invalid("Invalid principal", "A family member cannot be a principal");
              }
            });
  }

  @Transactional(readOnly = true)
  public StaffMember get(UUID id) {
    return staff.find(id).orElseThrow(() -> ProblemException.notFound("Staff member", id));
  }

  @Transactional(readOnly = true)
  public List<StaffMember> search(UUID missionId, StaffStatus status) {
    return staff.search(missionId, status);
  }
}
