package org.interestsoffice.platform.deadletters;

import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.DeadLetters.DeadLetter;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ministry administrators see the events this service's consumers gave up on, across every
 * office, and send one back to the queue it failed in once its cause is fixed (through the outbox,
 * with its own id, so it is handled once).
 */
class ReDrivingEvents {

  private final DeadLetters deadLetters;

  ReDrivingEvents(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Transactional(readOnly = true)
  List<DeadLetterView> list(boolean waitingOnly, int limit) {
    requireMinistryAdmin("list dead letters", "dead letters");
    return deadLetters.list(waitingOnly, limit).stream().map(this::viewOf).toList();
  }

  @Transactional
  DeadLetterView redrive(UUID id) {
    Caller caller = requireMinistryAdmin("re-drive a dead letter", id);
    DeadLetter dead = deadLetters.find(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
    if (!deadLetters.canRedrive(dead)) {
      throw ProblemException.conflict(
          "Not re-drivable", "This message could not be read as an event, so it cannot be handled again; it is kept for inspection");
    }
    DeadLetter redriven = deadLetters.redrive(id, caller.username()).orElseThrow();
    Audit.changed(caller, "re-drive event " + redriven.eventType(), String.valueOf(redriven.officeCode()), id);
    return viewOf(redriven);
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
        deadLetters.canRedrive(dead));
  }
}
