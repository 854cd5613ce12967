package org.interestsoffice.missions.protection;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;

/**
 * A protecting power's mandate for one mission: who protects whose interests in which state, with
 * custody of the premises and the archives (VCDR art. 45, VCCR art. 27).
 *
 * @param hostConsentAt null while pending the host's consent
 * @param entryIntoForce null while pending; the consent's instant once in force
 * @param predecessorId the mandate this one succeeded, or null
 * @param terminatedAt null until terminated
 * @param terminationNote the note that ended it, or null
 */
public record Mandate(
    UUID id,
    UUID missionId,
    String protectedState,
    String protectingState,
    String receivingState,
    ProtectionScope scope,
    MandateStatus status,
    Instant hostConsentAt,
    Instant entryIntoForce,
    boolean custodyOfPremises,
    boolean custodyOfArchives,
    UUID predecessorId,
    Instant terminatedAt,
    String terminationNote,
    String designatedBy,
    Instant designatedAt) {

  /** The host consents: the mandate is in force from that instant. */
  public Mandate consented(Instant consentAt) {
    return new Mandate(
        id, missionId, protectedState, protectingState, receivingState, scope, move(MandateStatus.Command.CONSENT), consentAt, consentAt,
        custodyOfPremises, custodyOfArchives, predecessorId, terminatedAt, terminationNote, designatedBy, designatedAt);
  }

  public Mandate terminated(String noteReference, Instant effectiveAt) {
    return new Mandate(
        id, missionId, protectedState, protectingState, receivingState, scope, move(MandateStatus.Command.TERMINATE), hostConsentAt,
        entryIntoForce, custodyOfPremises, custodyOfArchives, predecessorId, effectiveAt, noteReference, designatedBy, designatedAt);
  }

  private MandateStatus move(MandateStatus.Command command) {
    return status.next(command)
        .orElseThrow(
            () ->
                ProblemException.conflict(
                        "Mandate change not allowed", "Cannot record the " + command.action() + " of a mandate that is " + status)
                    .with("currentStatus", status)
                    .with("command", command.action())
                    .with("allowedFrom", MandateStatus.allowedFrom(command)));
  }
}
