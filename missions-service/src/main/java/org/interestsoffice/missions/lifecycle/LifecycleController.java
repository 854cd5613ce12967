package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
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

/** The transitions after the rupture: negotiation, agreement, cessation, closure. */
@RestController
class LifecycleController {

  private final OpeningNegotiation opening;
  private final EstablishingInterestsSection establishing;
  private final CeasingMissions ceasing;
  private final ClosingMissions closing;
  private final Clock clock;

  LifecycleController(
      OpeningNegotiation opening,
      EstablishingInterestsSection establishing,
      CeasingMissions ceasing,
      ClosingMissions closing,
      Clock clock) {
    this.opening = opening;
    this.establishing = establishing;
    this.ceasing = ceasing;
    this.closing = closing;
    this.clock = clock;
  }

  record NegotiationRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant agreedAt,
      @NotNull @DurationRange(min = "PT1H", max = "P365D") Duration window,
      @NotNull @Min(0) @Max(1000) Integer remainingStaffCeiling) {}

  record AgreementRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull @CountryCode String protectingState,
      @NotNull @Min(0) @Max(1000) Integer staffCeiling,
      @NotNull @Size(max = 20) List<@NotBlank @Size(max = 100) String> services) {}

  record CessationRequest(@NotBlank @Size(max = 100) String noteReference, @NotNull Instant effectiveAt) {}

  record ClosureRequest(@NotBlank @Size(max = 100) String noteReference, @NotNull Instant closedAt) {}

  /** The mission after the transition, and the deadline it started (if any). */
  record TransitionResponse(MissionView mission, DeadlineView deadline) {}

  @PostMapping("/api/missions/{id}/negotiation")
  TransitionResponse negotiation(@PathVariable UUID id, @Valid @RequestBody NegotiationRequest request) {
    OpeningNegotiation.Outcome outcome =
        opening.open(
            id,
            new OpeningNegotiation.Negotiation(
                request.noteReference().strip(), request.agreedAt(), request.window(), request.remainingStaffCeiling()));
    return new TransitionResponse(MissionView.of(outcome.mission()), DeadlineView.of(outcome.negotiation(), clock.instant()));
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
                request.services().stream().map(String::strip).toList()));
    return new TransitionResponse(MissionView.of(mission), null);
  }

  @PostMapping("/api/missions/{id}/cessation")
  TransitionResponse cessation(@PathVariable UUID id, @Valid @RequestBody CessationRequest request) {
    CeasingMissions.Outcome outcome =
        ceasing.declare(id, new CeasingMissions.Cessation(request.noteReference().strip(), request.effectiveAt()));
    return new TransitionResponse(MissionView.of(outcome.mission()), DeadlineView.of(outcome.finalDeparture(), clock.instant()));
  }

  @PostMapping("/api/missions/{id}/closure")
  TransitionResponse closure(@PathVariable UUID id, @Valid @RequestBody ClosureRequest request) {
    return new TransitionResponse(
        MissionView.of(closing.close(id, new ClosingMissions.Closure(request.noteReference().strip(), request.closedAt()))), null);
  }
}
