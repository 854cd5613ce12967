package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.missions.deadlines.DeadlineView;
import org.interestsoffice.missions.mission.MissionView;
import org.interestsoffice.missions.mission.RuptureInitiator;
import org.interestsoffice.platform.validation.DurationRange;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RuptureController {

  private final SeveringRelations severing;
  private final Clock clock;

  RuptureController(SeveringRelations severing, Clock clock) {
    this.severing = severing;
    this.clock = clock;
  }

  record RuptureRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant noteReceivedAt,
      @NotNull @DurationRange(min = "PT1H", max = "P90D") Duration departureWindow,
      Boolean consularPostsClosed,
      RuptureInitiator initiatedBy,
      Instant effectiveAt) {}

  record RuptureResponse(MissionView mission, DeadlineView departureDeadline) {}

  @PostMapping("/api/missions/{id}/rupture")
  RuptureResponse declare(@PathVariable UUID id, @Valid @RequestBody RuptureRequest request) {
    SeveringRelations.Outcome outcome =
        severing.declare(
            id,
            new SeveringRelations.Rupture(
                request.noteReference().strip(),
                request.noteReceivedAt(),
                request.departureWindow(),
                Boolean.TRUE.equals(request.consularPostsClosed()),
                request.initiatedBy() == null ? RuptureInitiator.RECEIVING_STATE : request.initiatedBy(),
                Optional.ofNullable(request.effectiveAt())));
    return new RuptureResponse(
        MissionView.of(outcome.mission()), DeadlineView.of(outcome.departure(), outcome.mission().now(clock.instant())));
  }
}
