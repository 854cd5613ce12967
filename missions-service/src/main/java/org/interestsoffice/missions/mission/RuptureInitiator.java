package org.interestsoffice.missions.mission;

import org.interestsoffice.missions.notes.NoteDirection;

/**
 * Who broke relations. The host expelling the mission hands it a note ({@code RECEIVING_STATE},
 * incoming); our own state breaking and recalling its staff sends one ({@code SENDING_STATE},
 * outgoing). Either way deadlines run from the instant the note reached its addressee.
 */
public enum RuptureInitiator {
  RECEIVING_STATE(NoteDirection.INCOMING),
  SENDING_STATE(NoteDirection.OUTGOING);

  private final NoteDirection noteDirection;

  RuptureInitiator(NoteDirection noteDirection) {
    this.noteDirection = noteDirection;
  }

  /** The direction of the note that broke relations, seen from the mission's office. */
  public NoteDirection noteDirection() {
    return noteDirection;
  }
}
