package org.interestsoffice.missions.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.validation.DurationRange;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeadlineController {

  private final ChangingDeadlines changing;
  DeadlineController(ChangingDeadlines changing) {
    this.changing = changing;
  }

  // Each change takes effect at effectiveAt, by default the instant of its note.

  record ExtensionRequest(@NotBlank @Size(max = 100) String noteReference, @NotNull Instant newDueAt, Instant effectiveAt) {}

  record SuspensionRequest(@NotBlank @Size(max = 100) String noteReference, Instant effectiveAt) {}

  record ReissueRequest(
      @NotBlank @Size(max = 100) String noteReference,
      @NotNull Instant noteReceivedAt,
      @NotNull @DurationRange(min = "PT1H", max = "P365D") Duration window,
      Instant effectiveAt) {}

  @PostMapping("/api/missions/{id}/deadlines/{deadlineId}/extension")
  DeadlineView extend(@PathVariable UUID id, @PathVariable UUID deadlineId, @Valid @RequestBody ExtensionRequest request) {
    return changing.view(
        id, changing.extend(id, deadlineId, request.noteReference().strip(), request.newDueAt(), Optional.ofNullable(request.effectiveAt())));
  }

  @PostMapping("/api/missions/{id}/deadlines/{deadlineId}/suspension")
  DeadlineView suspend(@PathVariable UUID id, @PathVariable UUID deadlineId, @Valid @RequestBody SuspensionRequest request) {
    return changing.view(id, changing.suspend(id, deadlineId, request.noteReference().strip(), Optional.ofNullable(request.effectiveAt())));
  }

  @PostMapping("/api/missions/{id}/deadlines/{deadlineId}/reissue")
  DeadlineView reissue(@PathVariable UUID id, @PathVariable UUID deadlineId, @Valid @RequestBody ReissueRequest request) {
    Deadline reissued =
        changing.reissue(
            id,
            deadlineId,
            new ChangingDeadlines.Reissue(request.noteReference().strip(), request.noteReceivedAt(), request.window()),
            Optional.ofNullable(request.effectiveAt()));
    return changing.view(id, reissued);
  }

  @GetMapping("/api/missions/{id}/deadlines")
  List<DeadlineView> ofMission(@PathVariable UUID id) {
    return changing.ofMission(id);
  }
}
