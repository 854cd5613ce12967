package org.interestsoffice.notifications.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.contacts.Contact;

/**
 * An alert claimed for sending (its row locked until the sending transaction ends), with what its
 * message is rendered from: the deadline facts fixed when it was raised, and the person's contact
 * details as they are now.
 *
 * @param recipient for an office head: their address (a staff alert's comes from the contact)
 * @param language for an office head: their language
 * @param dueAt null for a suspended deadline
 * @param exercise whether the alert belongs to an exercise: its message says so
 * @param ackToken the alert's acknowledgement link, the same on every attempt (absent for an office head)
 * @param contact the person's contact details; absent until personnel has sent them
 * @param order which version of the person's order the alert is about
 */
public record DueAlert(
    Alert alert,
    UUID staffId,
    Slot slot,
    Audience audience,
    String officeCode,
    String recipient,
    String language,
    String missionName,
    String missionTimeZone,
    Instant dueAt,
    String deadlineStatus,
    String change,
    String deadlineKind,
    boolean exercise,
    Optional<AckToken> ackToken,
    Optional<Contact> contact,
    OrderVersion order) {

  /**
   * @param deadlineVersion the version of the order's deadline: higher at every change, a reissue too
   * @param round counts the times the person's order was started (see {@code DepartureOrder})
   */
  public record OrderVersion(int deadlineVersion, int round) {}

  public UUID id() {
    return alert.id();
  }

  public Channel channel() {
    return alert.channel();
  }

  /** For a reminder: how long before the deadline it goes out. */
  public Optional<Duration> reminderOffset() {
    return slot instanceof Slot.Reminder reminder ? Optional.of(reminder.before()) : Optional.empty();
  }

  // Holds personal data and a credential: never printed by accident.
  @Override
  public String toString() {
    return "DueAlert[id=" + alert.id() + ", channel=" + alert.channel() + ", slot=" + slot.code() + "]";
  }
}
