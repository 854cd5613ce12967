package org.interestsoffice.notifications.alerts;

import java.util.UUID;

import jakarta.validation.Valid;

import org.interestsoffice.notifications.alerts.AlertViews.AlertDetailView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertProgressView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertView;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AlertsController {

  private final FollowingAlerts following;

  AlertsController(FollowingAlerts following) {
    this.following = following;
  }

  /** Oldest first (by creation, then id), a page at a time. */
  @GetMapping("/api/alerts")
  Page<AlertView> search(
      @RequestParam(required = false) UUID missionId,
      @RequestParam(required = false) UUID staffId,
      @RequestParam(required = false) AlertStatus status,
      @Valid @ParameterObject PageQuery page) {
    return following.search(missionId, staffId, status, page);
  }

  @GetMapping("/api/alerts/{id}")
  AlertDetailView one(@PathVariable UUID id) {
    return following.get(id);
  }

  @GetMapping("/api/missions/{id}/alert-progress")
  AlertProgressView progress(@PathVariable UUID id) {
    return following.progress(id);
  }
}
