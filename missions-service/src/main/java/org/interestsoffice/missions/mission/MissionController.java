package org.interestsoffice.missions.mission;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.validation.CountryCode;
import org.interestsoffice.platform.validation.TimeZoneId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/missions")
class MissionController {

  private final RegisteringMissions registering;

  MissionController(RegisteringMissions registering) {
    this.registering = registering;
  }

  record RegisterMissionRequest(
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be three capital letters such as CCS") String officeCode,
      @NotNull MissionKind kind,
      @NotNull @CountryCode String sendingState,
      @NotNull @CountryCode String receivingState,
      @NotBlank @Size(max = 100) String city,
      @NotNull @TimeZoneId String timeZone,
      @NotBlank @Size(max = 200) String name,
      @CountryCode String protectingState,
      @Min(0) @Max(1000) Integer staffCeiling,
      @Valid ExerciseRequest exercise) {

    @AssertTrue(message = "an interests section is registered with both protectingState and staffCeiling; other missions with neither")
    boolean isProtectionComplete() {
      return (protectingState == null) == (staffCeiling == null) && (kind != MissionKind.INTERESTS_SECTION || protectingState != null);
    }
  }

  /** A drill, or history replayed: the mission's case clock starts at {@code startsAt}. */
  record ExerciseRequest(@NotNull Instant startsAt) {}

  @PostMapping
  ResponseEntity<MissionView> register(@Valid @RequestBody RegisterMissionRequest request) {
    Mission mission =
        registering.register(
            new RegisteringMissions.NewMission(
                request.officeCode(),
                request.kind(),
                request.name().strip(),
                request.sendingState(),
                request.receivingState(),
                request.city().strip(),
                ZoneId.of(request.timeZone()),
                Optional.ofNullable(request.protectingState())
                    .map(state -> new RegisteringMissions.UnderProtection(state, request.staffCeiling())),
                Optional.ofNullable(request.exercise()).map(ExerciseRequest::startsAt)));
    return ResponseEntity.created(URI.create("/api/missions/" + mission.id())).body(MissionView.of(mission));
  }

  @GetMapping
  List<MissionView> all() {
    return registering.visible().stream().map(MissionView::of).toList();
  }

  @GetMapping("/{id}")
  MissionView one(@PathVariable UUID id) {
    return MissionView.of(registering.get(id));
  }
}
