package org.interestsoffice.platform.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the design (§4), as Keycloak realm roles. */
public enum Role {
  /** All offices; everything, including offices, dead letters and re-drives. */
  MINISTRY_ADMIN("ministry-admin"),
  /** Own office: mission events, deadlines, remaining staff, departure groups. */
  OFFICE_HEAD("office-head"),
  /** Own office: staff and departures, alerts. */
  OFFICE_OFFICER("office-officer"),
  /** Own office: read only. */
  OFFICE_VIEWER("office-viewer");

  private final String realmRole;

  Role(String realmRole) {
    this.realmRole = realmRole;
  }

  public String realmRole() {
    return realmRole;
  }

  /** The Spring Security authority, e.g. {@code ROLE_office-head}. */
  public String authority() {
    return "ROLE_" + realmRole;
  }

  public static Optional<Role> ofRealmRole(String name) {
    return Arrays.stream(values()).filter(role -> role.realmRole.equals(name)).findFirst();
  }
}
