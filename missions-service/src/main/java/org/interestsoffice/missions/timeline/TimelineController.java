package org.interestsoffice.missions.timeline;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

  private final ReadingTimeline reading;

  TimelineController(ReadingTimeline reading) {
    this.reading = reading;
  }

  @GetMapping("/api/missions/{id}/timeline")
  List<TimelineEntry> of(@PathVariable UUID id) {
    return reading.of(id);
  }
}
