package org.interestsoffice.personnel.accountability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.personnel.departures.KnownDeadline;
import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountabilityController {

  private final AccountingForStaff accounting;

  AccountabilityController(AccountingForStaff accounting) {
    this.accounting = accounting;
  }

  /** Overdue people are named, not contacted from here: no contact details in this view. */
  record OverdueView(UUID staffId, String fullName, UUID deadlineId, DeadlineKind deadlineKind, Instant dueAt) {}

  /**
   * Ordered out without having confirmed the latest alert: the office calls them.
   *
   * @param timeLeft ISO 8601 duration until their deadline (PT0S once passed), null while it is suspended
   */
  record UnacknowledgedView(
      UUID staffId,
      String fullName,
      StaffStatus status,
      UUID deadlineId,
      DeadlineKind deadlineKind,
      Integer deadlineVersion,
      Instant dueAt,
      String timeLeft) {}

  record DeadlineView(UUID deadlineId, DeadlineKind kind, DeadlineStatus status, Instant dueAt, int version) {

    static DeadlineView of(KnownDeadline deadline) {
      return new DeadlineView(deadline.deadlineId(), deadline.kind(), deadline.status(), deadline.dueAt(), deadline.version());
    }
  }

  /**
   * @param orderedOutBy how many are ordered out or overdue, by the kind of deadline they must leave by
   *     (every kind but {@code NEGOTIATION}, zero included)
   * @param timeLeft ISO 8601 duration until the departure deadline (PT0S once passed), null if none runs
   * @param reductionDeadline the reduction's deadline while one runs (the host capped the mission), else null
   * @param exercise whether the mission is an exercise: its figures are a drill's, counted apart from any real mission's
   * @param caseNow for an exercise, where its case clock stands (time left is read on it); else null
   */
  record AccountabilityView(
      UUID missionId,
      int total,
      Map<StaffStatus, Integer> byStatus,
      Map<DeadlineKind, Integer> orderedOutBy,
      List<OverdueView> overdue,
      List<UnacknowledgedView> unacknowledged,
      DeadlineView departureDeadline,
      String timeLeft,
      DeadlineView negotiationDeadline,
      DeadlineView reductionDeadline,
      boolean exercise,
      Instant caseNow) {}

  @GetMapping("/api/missions/{id}/accountability")
  AccountabilityView accountability(@PathVariable UUID id) {
    AccountingForStaff.Accountability account = accounting.of(id);
    return new AccountabilityView(
        account.missionId(),
        account.total(),
        account.byStatus(),
        account.orderedOutBy(),
        account.overdue().stream()
            .map(
                member ->
                    new OverdueView(
                        member.id(), member.fullName(), member.departureDeadlineId(), member.departureDeadlineKind(), member.departureDueAt()))
            .toList(),
        account.unacknowledged().stream()
            .map(
                member ->
                    new UnacknowledgedView(
                        member.id(),
                        member.fullName(),
                        member.status(),
                        member.departureDeadlineId(),
                        member.departureDeadlineKind(),
                        member.departureDeadlineVersion(),
                        member.departureDueAt(),
                        timeLeft(account.now(), member.departureDueAt())))
            .toList(),
        account.deadline().map(DeadlineView::of).orElse(null),
        account.timeLeft() == null ? null : account.timeLeft().toString(),
        account.negotiationDeadline().map(DeadlineView::of).orElse(null),
        account.reductionDeadline().map(DeadlineView::of).orElse(null),
        account.exercise(),
        account.exercise() ? account.now() : null);
  }

  private static String timeLeft(Instant now, Instant dueAt) {
    Duration left = AccountingForStaff.timeLeft(now, dueAt);
    return left == null ? null : left.toString();
  }
}
