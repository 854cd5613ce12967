package org.interestsoffice.notifications.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.Alert.Transition;
import org.interestsoffice.notifications.alerts.AlertEvent.Acknowledged;
import org.interestsoffice.notifications.alerts.AlertEvent.ContactMissing;
import org.interestsoffice.notifications.alerts.AlertEvent.NotSent;
import org.interestsoffice.notifications.alerts.AlertEvent.ReDriven;
import org.interestsoffice.notifications.alerts.AlertEvent.Sent;
import org.interestsoffice.platform.work.Backoff;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The owner of alerts: everything that changes one (sending, failing, a provider's report, a
 * re-drive, an acknowledgement) comes through here, is decided by {@link Alert} and written by the
 * one repository of the {@code alert} table, in the caller's transaction.
 */
@Service
public class Alerts {

  private final AlertRepository repository;
  private final AlertSettings settings;
  private final Backoff backoff;
  private final Duration linkValidity;
  private final Clock clock;

  Alerts(
      AlertRepository repository,
      AlertSettings settings,
      @Value("${notifications.acknowledgement.validity:30d}") Duration linkValidity,
      Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.linkValidity = linkValidity;
    this.clock = clock;
  }

  /** Until when a link made now works. */
  Instant linkExpiryFromNow() {
    return clock.instant().plus(linkValidity);
  }

  /** Claims (locks, in the caller's transaction) a batch of the channel's due alerts. */
  public List<DueAlert> claimDue(Channel channel) {
    return repository.claimDue(channel, settings.batchSize());
  }

  /** The person's contact details have not arrived: the alert waits for them (they wake it), without counting an attempt. */
  public void waitForContact(DueAlert due) {
    Transition transition = due.alert().on(new ContactMissing(), settings.maxAttempts());
    repository.applyRetryAfter(transition, settings.contactWait(), null, clock.instant());
  }

  /** An alert its channel took, and what went out. */
  public record SentAlert(DueAlert due, SentMessage message) {}

  /** The channel took these messages: each alert's transition, all written together (one batch of statements). */
  public void sent(List<SentAlert> sent) {
    if (sent.isEmpty()) {
      return;
    }
    List<AlertRepository.Sending> sendings = new ArrayList<>(sent.size());
    for (SentAlert alert : sent) {
      sendings.add(new AlertRepository.Sending(alert.due().alert().on(new Sent(), settings.maxAttempts()), alert.message()));
    }
    repository.applySent(sendings, clock.instant());
  }

  /**
   * The channel did not take it: retried with back-off, or {@code DEAD} when permanent or out of attempts.
   *
   * @param address the address it was meant for, if there was one
   * @return what it changed, and after how long it is tried again if it is
   */
  public NotSentOutcome notSent(DueAlert due, String address, String error, boolean permanent) {
    Transition transition = due.alert().on(new NotSent(error, permanent), settings.maxAttempts());
    Duration delay = backoff.withJitterAfter(transition.after().attempts());
    repository.applyRetryAfter(transition, delay, address, clock.instant());
    return new NotSentOutcome(transition.after(), delay);
  }

  /** @param retryIn meaningless once the alert is {@code DEAD} */
  public record NotSentOutcome(Alert alert, Duration retryIn) {}

  /**
   * A report from the SMS provider about the message with its id for it, or with our reference (the
   * alert id); a report about one no longer {@code SENT} changes nothing.
   *
   * @return the alert as it stands after the report; empty if no SMS alert matches
   */
  public Optional<Transition> reportedBySmsProvider(Optional<String> providerMessageId, Optional<UUID> reference, AlertEvent report) {
    if (!(report instanceof AlertEvent.ReportedDelivered || report instanceof AlertEvent.ReportedFailed)) {
      throw new IllegalArgumentException("Not a delivery report: " + report);
    }
    Optional<Alert> alert = providerMessageId.flatMap(repository::findSmsByProviderIdForUpdate);
    if (alert.isEmpty()) {
      alert = reference.flatMap(repository::findForUpdate).filter(found -> found.channel() == Channel.SMS);
    }
    return alert.map(
        found -> {
          Transition transition = found.on(report, settings.maxAttempts());
          if (transition.changed()) {
            repository.applyReported(transition, clock.instant());
          }
          return transition;
        });
  }

  /**
   * An administrator sends the alert again: a new generation, so a new {@link DeliveryKey}.
   *
   * @return empty if there is no such alert
   * @throws Alert.IllegalTransition if it is not undelivered
   */
  public Optional<Alert> redrive(UUID id, String by) {
    Optional<Alert> alert = repository.findForUpdate(id);
    if (alert.isEmpty()) {
      return Optional.empty();
    }
    Transition transition = alert.get().on(new ReDriven(by), settings.maxAttempts());
    repository.applyReDriven(transition, by, clock.instant(), AckToken.random(), linkExpiryFromNow());
    return Optional.of(transition.after());
  }

  /** The alert whose acknowledgement link this is (its current one or an earlier one). */
  public Optional<LinkedAlert> findByLink(AckToken token) {
    return repository.findByLink(token.hash());
  }

  /**
   * The person confirms through a link that has not expired.
   *
   * @return the alert, if this confirmation is the one that acknowledged it (not an earlier one)
   */
  public Optional<LinkedAlert> acknowledge(AckToken token, Instant at) {
    Optional<LinkedAlert> linked = findByLink(token).filter(found -> found.linkExpiresAt().isAfter(at));
    if (linked.isEmpty()) {
      return Optional.empty();
    }
    return acknowledge(linked.get(), at);
  }

  /**
   * The person confirms an alert without its link: by replying to its SMS.
   *
   * @return the alert, if this confirmation is the one that acknowledged it (not an earlier one)
   */
  public Optional<LinkedAlert> acknowledge(LinkedAlert linked, Instant at) {
    // The row lock makes a second, concurrent confirmation wait and then find it already done.
    Alert alert = repository.findForUpdate(linked.id()).orElseThrow();
    Transition transition = alert.on(new Acknowledged(at), settings.maxAttempts());
    if (!transition.changed()) {
      return Optional.empty();
    }
    repository.applyAcknowledged(transition, at);
    return Optional.of(linked);
  }

  /**
   * The alert a reply to an SMS answers: the latest SMS alert sent to one of these people (those
   * whose number it came from) that is not acknowledged yet, locked until the caller's transaction
   * ends.
   */
  public Optional<LinkedAlert> latestUnacknowledgedSms(List<UUID> staffIds) {
    return staffIds.isEmpty() ? Optional.empty() : repository.latestUnacknowledgedSmsForUpdate(staffIds);
  }

  /** A person's reply to the alert's SMS, in the alert's log. */
  public void replied(UUID alertId, String text, ReplyOutcome outcome) {
    if (!outcome.aboutAnAlert()) {
      throw new IllegalArgumentException("Not about an alert: " + outcome);
    }
    repository.logReply(alertId, text, outcome, clock.instant());
  }

  /** Whether the person acknowledged any alert of this order, of this version or a later one. */
  public boolean acknowledgedAny(UUID staffId, String deadlineKind, int round, int fromVersion) {
    return repository.acknowledgedAny(staffId, deadlineKind, round, fromVersion);
  }

  /** Alerts that did not get through, newest first. */
  public List<UndeliveredAlert> undelivered(int limit) {
    return repository.undelivered(null, limit);
  }

  public Optional<UndeliveredAlert> undelivered(UUID id) {
    return repository.undelivered(id, 1).stream().findFirst();
  }
}
