package org.interestsoffice.missions.notes;

public enum NoteDirection {
  INCOMING,
  OUTGOING
}
