package org.interestsoffice.missions.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.events.ProtectingPowerConsented;
import org.interestsoffice.missions.events.ProtectingPowerDesignated;
import org.interestsoffice.missions.events.ProtectingPowerTerminated;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.DiplomaticNote;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The protecting power's mandate through its life (VCDR art. 45, VCCR art. 27): the sending state
 * entrusts its interests to a third state once relations are severed; the mandate waits for the
 * host's consent unless it was given with the designation, and ends when relations are restored,
 * when it is withdrawn, or when a successor replaces it (Cuba's protecting power in Washington
 * changed in 1991). One mandate of a mission is pending or in force at a time.
 */
@Service
public class ManagingProtectingPower {

  private final MissionRepository missions;
  private final ProtectingPowerMandates mandates;
  private final NoteRegister notes;
  private final Outbox outbox;
  private final Clock clock;

  ManagingProtectingPower(MissionRepository missions, ProtectingPowerMandates mandates, NoteRegister notes, Outbox outbox, Clock clock) {
    this.missions = missions;
    this.mandates = mandates;
    this.notes = notes;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * @param hostConsentAt when the host consented; empty while its consent is awaited
   */
  public record Designation(
      String protectingState, ProtectionScope scope, Optional<Instant> hostConsentAt, boolean custodyOfPremises, boolean custodyOfArchives) {}

  /** @param successor the mandate that replaces the terminated one, if any */
  public record Termination(String noteReference, Optional<Instant> effectiveAt, Optional<Designation> successor) {}

  /** The mission's current or latest mandate (none before any designation), and the ones before it (oldest first). */
  public record Mandates(Optional<Mandate> mandate, List<Mandate> history) {}

  public record Terminated(Mandate terminated, Optional<Mandate> successor) {}

  @Transactional
  public Mandate designate(UUID missionId, Designation designation) {
    Caller caller = Callers.current();
    Mission mission = lockForAction(caller, missionId, "designate a protecting power");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    if (mission.status() == MissionStatus.OPERATING) {
      throw ProblemException.conflict(
              "Protecting power not allowed", "A protecting power is designated once relations are severed; " + mission.name() + " is OPERATING")
          .with("currentStatus", mission.status());
    }
    mandates.lockCurrent(missionId).ifPresent(current -> {
      throw ProblemException.conflict(
              "Protecting power already designated",
              mission.name() + " already has a protecting power (" + current.protectingState() + ", " + current.status()
                  + "): terminate it first, naming a successor if one replaces it")
          .with("mandateId", current.id())
          .with("currentStatus", current.status());
    });
    Optional<UUID> predecessor = mandates.ofMission(missionId).stream().reduce((first, second) -> second).map(Mandate::id);
    Mandate mandate = start(mission, designation, predecessor, caller, now);
    Audit.changed(caller, "designate protecting power", mission.officeCode(), missionId);
    return mandate;
  }

  @Transactional
  public Mandate consent(UUID missionId, Instant hostConsentAt) {
    Caller caller = Callers.current();
    Mission mission = lockForAction(caller, missionId, "record the host's consent");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    RecordingNotes.requireNotInTheFuture("hostConsentAt", hostConsentAt, now);
    Mandate pending = mandates.lockCurrent(missionId).orElseThrow(() -> noMandate(mission));
    Mandate consented = pending.consented(hostConsentAt);
    mandates.update(consented);
    mandates.recordChange(consented, ProtectingPowerMandates.Change.CONSENTED, null, caller.username(), hostConsentAt, now);
    outbox.append(
        mission.officeCode(),
        new ProtectingPowerConsented(missionId, mission.officeCode(), consented.id(), consented.protectingState(), hostConsentAt),
        now);
    Audit.changed(caller, "record protecting power consent", mission.officeCode(), missionId);
    return consented;
  }

  @Transactional
  public Terminated terminate(UUID missionId, Termination termination) {
    Caller caller = Callers.current();
    Mission mission = lockForAction(caller, missionId, "terminate a protecting power's mandate");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    DiplomaticNote note = notes.require(mission.officeCode(), termination.noteReference());
    Instant effectiveAt = termination.effectiveAt().orElse(note.at());
    RecordingNotes.requireNotInTheFuture("effectiveAt", effectiveAt, now);
    // A successor is checked before anything changes, so a wrong one leaves the mandate as it was.
    termination.successor().ifPresent(successor -> requireValid(mission, successor, now));
    Mandate current = mandates.lockCurrent(missionId).orElseThrow(() -> noMandate(mission));
    Mandate ended = end(mission, current, termination.noteReference(), effectiveAt, caller, now);
    Optional<Mandate> successor = termination.successor().map(designation -> start(mission, designation, Optional.of(ended.id()), caller, now));
    announceTermination(mission, ended, successor.map(Mandate::id).orElse(null), now);
    Audit.changed(caller, "terminate protecting power", mission.officeCode(), missionId);
    return new Terminated(ended, successor);
  }

  /**
   * A section registered under a protecting power: the mandate is in force from its registration.
   * Runs in the registering transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Mandate underProtectionFromRegistration(Mission section, Caller caller, Instant now) {
    Designation designation = new Designation(section.protectingState().orElseThrow(), ProtectionScope.BOTH, Optional.of(now), true, true);
    return start(section, designation, Optional.empty(), caller, now);
  }

  /**
   * Relations are restored: the mandate pending or in force ends with them. Runs in the
   * restoration's transaction, with the mission locked by it.
   *
   * @return the mandate it ended, if there was one
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Mandate> endOnRestoration(Mission mission, String noteReference, Instant effectiveAt, Caller caller, Instant now) {
    return mandates.lockCurrent(mission.id()).map(current -> {
      Mandate ended = end(mission, current, noteReference, effectiveAt, caller, now);
      announceTermination(mission, ended, null, now);
      return ended;
    });
  }

  @Transactional(readOnly = true)
  public Mandates of(UUID missionId) {
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireVisible(Callers.current(), mission.officeCode(), "Mission", missionId);
    List<Mandate> all = mandates.ofMission(missionId);
    if (all.isEmpty()) {
      // No protecting power yet is an answer, not an error: the mission exists and may be read.
      return new Mandates(Optional.empty(), List.of());
    }
    Mandate latest = all.stream().filter(m -> m.status() != MandateStatus.TERMINATED).findFirst().orElse(all.get(all.size() - 1));
    return new Mandates(Optional.of(latest), all.stream().filter(m -> !m.id().equals(latest.id())).toList());
  }

  private Mission lockForAction(Caller caller, UUID missionId, String action) {
    Mission mission = missions.lock(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireAction(caller, action, mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    return mission;
  }

  private static void requireValid(Mission mission, Designation designation, Instant now) {
    Mission.requireThirdState(designation.protectingState(), mission.sendingState(), mission.receivingState());
    designation.hostConsentAt().ifPresent(consent -> RecordingNotes.requireNotInTheFuture("hostConsentAt", consent, now));
  }

  private Mandate start(Mission mission, Designation designation, Optional<UUID> predecessor, Caller caller, Instant now) {
    requireValid(mission, designation, now);
    Instant consent = designation.hostConsentAt().orElse(null);
    Mandate mandate =
        new Mandate(
            UUID.randomUUID(), mission.id(), mission.sendingState(), designation.protectingState(), mission.receivingState(),
            designation.scope(), consent == null ? MandateStatus.PENDING_CONSENT : MandateStatus.IN_FORCE, consent, consent,
            designation.custodyOfPremises(), designation.custodyOfArchives(), predecessor.orElse(null), null, null, caller.username(), now);
    mandates.add(mandate);
    // An interests section works under the state whose mandate is in force or pending: a successor takes its place.
    if (mission.protectingState().isPresent() && !mission.protectingState().get().equals(mandate.protectingState())) {
      mission.protectedBy(mandate.protectingState());
      missions.update(mission);
    }
    mandates.recordChange(mandate, ProtectingPowerMandates.Change.DESIGNATED, null, caller.username(), consent == null ? now : consent, now);
    outbox.append(
        mission.officeCode(),
        new ProtectingPowerDesignated(
            mission.id(), mission.officeCode(), mandate.protectedState(), mandate.protectingState(), mandate.receivingState(),
            mandate.scope().name(), mandate.hostConsentAt(), mandate.entryIntoForce(), mandate.id(), mandate.status().name(),
            mandate.predecessorId(), mandate.custodyOfPremises(), mandate.custodyOfArchives()),
        now);
    return mandate;
  }

  private Mandate end(
      Mission mission, Mandate current, String noteReference, Instant effectiveAt, Caller caller, Instant now) {
    Mandate ended = current.terminated(noteReference, effectiveAt);
    mandates.update(ended);
    mandates.recordChange(ended, ProtectingPowerMandates.Change.TERMINATED, noteReference, caller.username(), effectiveAt, now);
    return ended;
  }

  private void announceTermination(Mission mission, Mandate ended, UUID successorId, Instant now) {
    outbox.append(
        mission.officeCode(),
        new ProtectingPowerTerminated(
            mission.id(), mission.officeCode(), ended.id(), ended.protectingState(), ended.terminationNote(), ended.terminatedAt(),
            successorId),
        now);
  }

  private static ProblemException noMandate(Mission mission) {
    return ProblemException.conflict("No protecting power", mission.name() + " has no protecting power pending consent or in force");
  }
}
