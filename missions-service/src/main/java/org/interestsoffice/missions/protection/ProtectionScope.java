package org.interestsoffice.missions.protection;

/** What the protecting power takes charge of. */
public enum ProtectionScope {
  DIPLOMATIC,
  CONSULAR,
  BOTH
}
