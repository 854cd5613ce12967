package org.interestsoffice.platform.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: from the access token for a request, or the system itself for work triggered by
 * events and schedules. The office is the unit of access control: a caller sees and changes only
 * the offices it belongs to, unless it is a ministry administrator.
 *
 * @param username the name recorded in transitions and the audit log
 */
public record Caller(String subject, String username, Set<Role> roles, Set<String> offices) {

  /** Work the platform does on its own: reacting to events, firing deadlines. */
  public static final Caller SYSTEM = new Caller("system", "system", Set.of(Role.MINISTRY_ADMIN), Set.of());

  public Caller {
    roles = Set.copyOf(roles);
    offices = Set.copyOf(offices);
  }

  public boolean isMinistryAdmin() {
    return roles.contains(Role.MINISTRY_ADMIN);
  }

  public boolean hasAnyRole(Role... wanted) {
    return isMinistryAdmin() || Arrays.stream(wanted).anyMatch(roles::contains);
  }

  /** Whether the caller may see things of this office at all. */
  public boolean belongsTo(String officeCode) {
    return isMinistryAdmin() || offices.contains(officeCode);
  }

  /**
   * The offices a collection must be filtered to, or empty when the caller sees every office.
   * Filters belong in the query itself, so that nothing of another office is ever read.
   */
  public Optional<Set<String>> officeFilter() {
    return isMinistryAdmin() ? Optional.empty() : Optional.of(offices);
  }
}
