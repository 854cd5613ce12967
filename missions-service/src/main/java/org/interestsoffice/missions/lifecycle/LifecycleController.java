package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.missions.deadlines.DeadlineView;
import org.interestsoffice.missions.mission.MissionView;
import org.interestsoffice.platform.validation.CountryCode;
import org.interestsoffice.platform.validation.DurationRange;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle's commands besides the rupture: negotiation, agreement, cessation, closure,
 * reduction, persona non grata and restoration. Every one takes {@code effectiveAt}, when it took
 * effect (by default the instant of the note it rests on).
 */
@RestController
class LifecycleController {

  private final OpeningNegotiation opening;
  private final EstablishingInterestsSection establishing;
  private final CeasingMissions ceasing;
  private final ClosingMissions closing;
  private final ImposingStaffCeiling reducing;
  private final DeclaringPersonaNonGrata declaring;
  private final RestoringRelations restoring;
  private final Clock clock;

  LifecycleController(
      OpeningNegotiation opening,
      EstablishingInterestsSection establishing,
      CeasingMissions ceasing,
      ClosingMissions closing,
      ImposingStaffCeiling reducing,
      DeclaringPersonaNonGrata declaring,
      RestoringRelations restoring,
      Clock clock) {
    this.opening = opening;
    this.establishing = establishing;
    this.ceasing = ceasing;
    this.closing = closing;
    this.reducing = reducing;
    this.declaring = declaring;
    this.restoring = restoring;
    this.clock = clock;
  }

  record NegotiationRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant agreedAt,
      @NotNull @DurationRange(min = "PT1H", max = "P365D") Duration window,
      @NotNull @Min(0) @Max(1000) Integer remainingStaffCeiling,
      Instant effectiveAt) {}

  record AgreementRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull @CountryCode String protectingState,
      @NotNull @Min(0) @Max(1000) Integer staffCeiling,
      @NotNull @Size(max = 20) List<@NotBlank @Size(max = 100) String> services,
      Instant effectiveAt) {}

  /** @param finalDepartureWindow the remaining staff's time to leave; 72 hours when not given */
  record CessationRequest(
      @NotBlank @Size(max = 100) String noteReference,
      Instant effectiveAt,
      @DurationRange(min = "PT1H", max = "P90D") Duration finalDepartureWindow) {}

  /** @param closedAt the older name of {@code effectiveAt}, still accepted */
  record ClosureRequest(@NotBlank @Size(max = 100) String noteReference, Instant effectiveAt, Instant closedAt) {

    @AssertTrue(message = "effectiveAt (or closedAt) is required")
    boolean isEffectiveAtGiven() {
      return effectiveAt != null || closedAt != null;
    }
  }

  record StaffCeilingRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant noteReceivedAt,
      @NotNull @Min(0) @Max(1000) Integer ceiling,
      @NotNull @DurationRange(min = "PT1H", max = "P90D") Duration window,
      Instant effectiveAt) {}

  record PersonaNonGrataRequest(
      @NotNull UUID staffId,
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant noteReceivedAt,
      @NotNull @DurationRange(min = "PT1H", max = "P90D") Duration window,
      Instant effectiveAt) {}

  record RestorationRequest(@NotBlank @Size(max = 100) String noteReference, Instant effectiveAt) {}

  /** The mission after the transition, and the deadline it started (if any). */
  record TransitionResponse(MissionView mission, DeadlineView deadline) {}

  /** The mission after the declaration, the person's deadline, and who they are. */
  record PersonaNonGrataResponse(MissionView mission, DeadlineView deadline, UUID staffId, String staffName) {}

  @PostMapping("/api/missions/{id}/negotiation")
  TransitionResponse negotiation(@PathVariable UUID id, @Valid @RequestBody NegotiationRequest request) {
    OpeningNegotiation.Outcome outcome =
        opening.open(
            id,
            new OpeningNegotiation.Negotiation(
                request.noteReference().strip(), request.agreedAt(), request.window(), request.remainingStaffCeiling(),
                Optional.ofNullable(request.effectiveAt())));
    return new TransitionResponse(MissionView.of(outcome.mission()), DeadlineView.of(outcome.negotiation(), outcome.mission().now(clock.instant())));
  }

  @PostMapping("/api/missions/{id}/agreement")
  TransitionResponse agreement(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request) {
    var mission =
        establishing.agree(
            id,
            new EstablishingInterestsSection.Agreement(
                request.noteReference().strip(),
                request.protectingState(),
                request.staffCeiling(),
                request.services().stream().map(String::strip).toList(),
                Optional.ofNullable(request.effectiveAt())));
    return new TransitionResponse(MissionView.of(mission), null);
  }

  @PostMapping("/api/missions/{id}/cessation")
  TransitionResponse cessation(@PathVariable UUID id, @Valid @RequestBody CessationRequest request) {
    CeasingMissions.Outcome outcome =
        ceasing.declare(
            id,
            new CeasingMissions.Cessation(
                request.noteReference().strip(), Optional.ofNullable(request.effectiveAt()), Optional.ofNullable(request.finalDepartureWindow())));
    return new TransitionResponse(MissionView.of(outcome.mission()), DeadlineView.of(outcome.finalDeparture(), outcome.mission().now(clock.instant())));
  }

  @PostMapping("/api/missions/{id}/closure")
  TransitionResponse closure(@PathVariable UUID id, @Valid @RequestBody ClosureRequest request) {
    return new TransitionResponse(
        MissionView.of(
            closing.close(
                id,
                new ClosingMissions.Closure(
                    request.noteReference().strip(), request.effectiveAt() != null ? request.effectiveAt() : request.closedAt()))),
        null);
  }

  @PostMapping("/api/missions/{id}/staff-ceiling")
  TransitionResponse staffCeiling(@PathVariable UUID id, @Valid @RequestBody StaffCeilingRequest request) {
    ImposingStaffCeiling.Outcome outcome =
        reducing.impose(
            id,
            new ImposingStaffCeiling.Reduction(
                request.noteReference().strip(), request.noteReceivedAt(), request.ceiling(), request.window(),
                Optional.ofNullable(request.effectiveAt())));
    return new TransitionResponse(MissionView.of(outcome.mission()), DeadlineView.of(outcome.reduction(), outcome.mission().now(clock.instant())));
  }

  @PostMapping("/api/missions/{id}/persona-non-grata")
  PersonaNonGrataResponse personaNonGrata(@PathVariable UUID id, @Valid @RequestBody PersonaNonGrataRequest request) {
    DeclaringPersonaNonGrata.Outcome outcome =
        declaring.declare(
            id,
            new DeclaringPersonaNonGrata.Declaration(
                request.staffId(), request.noteReference().strip(), request.noteReceivedAt(), request.window(),
                Optional.ofNullable(request.effectiveAt())));
    return new PersonaNonGrataResponse(
        MissionView.of(outcome.mission()),
        DeadlineView.of(outcome.personal(), outcome.mission().now(clock.instant()), List.of(), outcome.staffName()),
        request.staffId(),
        outcome.staffName());
  }

  @PostMapping("/api/missions/{id}/restoration")
  TransitionResponse restoration(@PathVariable UUID id, @Valid @RequestBody RestorationRequest request) {
    return new TransitionResponse(
        MissionView.of(
            restoring.restore(
                id, new RestoringRelations.Restoration(request.noteReference().strip(), Optional.ofNullable(request.effectiveAt())))),
        null);
  }
}
