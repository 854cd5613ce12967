package org.interestsoffice.notifications.deadletters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.Alert;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.Dispatch;
import org.interestsoffice.notifications.alerts.UndeliveredAlert;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.DeadLetters.DeadLetter;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ministry administrators see what did not get through, across every office, and send it again
 * once its cause is fixed: an event back to the queue it failed in (through the outbox, with its
 * own id, so it is handled once), an alert back to its channel's queue with its attempts reset.
 */
@Service
class ReDrivingDeadLetters {

  private final DeadLetters events;
  private final Alerts alerts;
  private final Dispatch dispatch;
  private final Clock clock;

  ReDrivingDeadLetters(DeadLetters events, Alerts alerts, Dispatch dispatch, Clock clock) {
    this.events = events;
    this.alerts = alerts;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  /** The newest {@code limit} of them, events and alerts together. */
  @Transactional(readOnly = true)
  List<DeadLetterView> list(boolean waitingOnly, int limit) {
    requireMinistryAdmin("list dead letters", "dead letters");
    List<DeadLetterView> all = new ArrayList<>();
    events.list(waitingOnly, limit).forEach(dead -> all.add(viewOf(dead)));
    alerts.undelivered(limit).forEach(alert -> all.add(viewOf(alert)));
    all.sort(Comparator.comparing(DeadLetterView::deadLetteredAt).reversed().thenComparing(DeadLetterView::id));
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  @Transactional
  DeadLetterView redrive(UUID id) {
    Caller caller = requireMinistryAdmin("re-drive a dead letter", id);
    Optional<DeadLetter> event = events.find(id);
    if (event.isPresent()) {
      if (!events.canRedrive(event.get())) {
        throw ProblemException.conflict("Not re-drivable", "This message could not be read as an event, so it cannot be handled again; it is kept for inspection");
      }
      DeadLetter redriven = events.redrive(id, caller.username()).orElseThrow();
      Audit.changed(caller, "re-drive event " + redriven.eventType(), String.valueOf(redriven.officeCode()), id);
      return viewOf(redriven);
    }
    Optional<UndeliveredAlert> before = alerts.undelivered(id);
    Alert redriven;
    try {
      // A new attempt with a new delivery key, so that a provider that deduplicates really sends it.
      redriven = alerts.redrive(id, caller.username()).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
    } catch (Alert.IllegalTransition e) {
      throw ProblemException.conflict("Not undelivered", "Alert " + id + " is not dead or failed; only those can be re-driven");
    }
    Channel channel = redriven.channel();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatch.wakeUp(channel);
          }
        });
    UndeliveredAlert was = before.orElseThrow();
    Audit.changed(caller, "re-drive alert", was.officeCode(), id);
    DeadLetterView view = viewOf(was);
    return new DeadLetterView(
        id, view.kind(), view.queue(), view.type(), view.officeCode(), view.reason(), view.deadLetteredAt(),
        "REDRIVEN", redriven.generation(), clock.instant(), caller.username(), false);
  }

  private static Caller requireMinistryAdmin(String action, Object object) {
    Caller caller = Callers.current();
    if (!caller.isMinistryAdmin()) {
      Audit.refused(caller, action, "*", object, "role");
      throw new ProblemException(403, "Forbidden", "Only ministry administrators may " + action);
    }
    return caller;
  }

  private DeadLetterView viewOf(DeadLetter dead) {
    return new DeadLetterView(
        dead.id(),
        "EVENT",
        dead.queue(),
        dead.eventType(),
        dead.officeCode(),
        dead.reason(),
        dead.deadLetteredAt(),
        dead.status(),
        dead.redriveCount(),
        dead.lastRedrivenAt(),
        dead.lastRedrivenBy(),
        events.canRedrive(dead));
  }

  private static DeadLetterView viewOf(UndeliveredAlert alert) {
    return new DeadLetterView(
        alert.id(),
        "ALERT",
        alert.channel().name(),
        alert.slot().code(),
        alert.officeCode(),
        alert.lastError() == null ? alert.status().name() : alert.lastError(),
        alert.undeliveredAt(),
        "WAITING",
        alert.redriveCount(),
        alert.lastRedrivenAt(),
        alert.lastRedrivenBy(),
        true);
  }
}
