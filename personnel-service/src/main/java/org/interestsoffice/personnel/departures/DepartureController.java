package org.interestsoffice.personnel.departures;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.interestsoffice.personnel.staff.StaffView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DepartureController {

  private final RecordingDepartures recording;

  DepartureController(RecordingDepartures recording) {
    this.recording = recording;
  }

  record DepartureRequest(@NotNull Instant departedAt) {}

  @PostMapping("/api/staff/{id}/departure")
  StaffView departed(@PathVariable UUID id, @Valid @RequestBody DepartureRequest request) {
    return StaffView.of(recording.recordDeparture(id, request.departedAt()));
  }
}
