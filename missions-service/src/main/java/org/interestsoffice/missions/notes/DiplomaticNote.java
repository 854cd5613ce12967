package org.interestsoffice.missions.notes;

import java.time.Instant;
import java.util.UUID;

/**
 * A note verbale in the office's register; deadlines and transitions cite it by reference.
 *
 * @param at when it was received (incoming) or sent (outgoing)
 */
public record DiplomaticNote(
    UUID id, String officeCode, String reference, NoteDirection direction, Instant at, String summary) {}
