package org.interestsoffice.missions.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.interestsoffice.missions.deadlines.DeadlineView;
import org.interestsoffice.missions.mission.MissionView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseClockController {

  private final AdvancingCaseClock advancing;

  CaseClockController(AdvancingCaseClock advancing) {
    this.advancing = advancing;
  }

  record AdvanceRequest(@NotNull Instant advanceTo) {}

  /** The exercise after the jump, where its clock stood before, and the deadlines that fell due in between. */
  record AdvanceResponse(MissionView mission, Instant previousCaseNow, List<DeadlineView> fired) {}

  @PostMapping("/api/missions/{id}/case-clock")
  AdvanceResponse advance(@PathVariable UUID id, @Valid @RequestBody AdvanceRequest request) {
    AdvancingCaseClock.Advanced advanced = advancing.advance(id, request.advanceTo());
    Instant caseNow = advancing.nowOf(advanced.mission());
    return new AdvanceResponse(
        MissionView.of(advanced.mission()), advanced.previousCaseNow(), advanced.fired().stream().map(d -> DeadlineView.of(d, caseNow)).toList());
  }
}
