package org.interestsoffice.notifications.alerts;

import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertViews.AlertDetailView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertProgressView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertView;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An office follows its alerts: which went out, which are stuck, who has acknowledged. Every
 * office role reads; nothing of another office is shown, and another office's mission or alert
 * does not exist for the caller.
 */
@Service
class FollowingAlerts {

  private final AlertRepository alerts;

  FollowingAlerts(AlertRepository alerts) {
    this.alerts = alerts;
  }

  @Transactional(readOnly = true)
  Page<AlertView> search(UUID missionId, UUID staffId, AlertStatus status, PageQuery page) {
    Caller caller = Callers.current();
    if (missionId != null) {
      requireKnownMission(caller, missionId, "list alerts");
    }
    return alerts.search(missionId, staffId, status, caller.officeFilter(), page);
  }

  @Transactional(readOnly = true)
  AlertDetailView get(UUID id) {
    AlertView alert = alerts.find(id).orElseThrow(() -> ProblemException.notFound("Alert", id));
    OfficeAccess.requireVisible(Callers.current(), alert.officeCode(), "Alert", id);
    return new AlertDetailView(alert, alerts.attemptsOf(id));
  }

  @Transactional(readOnly = true)
  AlertProgressView progress(UUID missionId) {
    Caller caller = Callers.current();
    requireKnownMission(caller, missionId, "read alert progress");
    return alerts.progress(missionId, caller.officeFilter());
  }

  private void requireKnownMission(Caller caller, UUID missionId, String action) {
    if (!alerts.knowsMission(missionId, caller.officeFilter())) {
      // Known, but only in another office: answered as unknown, and audited as a refusal.
      alerts.officeOfMission(missionId).ifPresent(office -> Audit.refused(caller, action, office, missionId, "other office"));
      throw ProblemException.notFound("Mission", missionId);
    }
  }
}
