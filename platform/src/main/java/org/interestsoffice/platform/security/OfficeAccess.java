package org.interestsoffice.platform.security;

import org.interestsoffice.platform.web.ProblemException;

/**
 * Office scope, enforced by each service on every object it returns or changes (design §4). An
 * object of another office is answered as if it did not exist (404); a collection or a creation in
 * another office, or an action the caller's role does not allow, is refused (403). Every refusal
 * is audited.
 */
public final class OfficeAccess {

  private OfficeAccess() {}

  /** The caller may see this object, or it does not exist for them. */
  public static void requireVisible(Caller caller, String office, String what, Object id) {
    if (!caller.belongsTo(office)) {
      Audit.refused(caller, "read " + what, office, id, "other office");
      throw ProblemException.notFound(what, id);
    }
  }

  /** The caller may change this object: same office (else 404) and one of the roles (else 403). */
  public static void requireAction(Caller caller, String action, String office, String what, Object id, Role... roles) {
    requireVisible(caller, office, what, id);
    if (!caller.hasAnyRole(roles)) {
      Audit.refused(caller, action, office, id, "role");
      throw forbidden("Your role may not " + action);
    }
  }

  /** The caller may read or add to the collections of this office (else 403). */
  public static void requireOffice(Caller caller, String action, String office, Role... roles) {
    if (!caller.belongsTo(office)) {
      Audit.refused(caller, action, office, "office " + office, "other office");
      throw forbidden("You do not belong to office " + office);
    }
    if (roles.length > 0 && !caller.hasAnyRole(roles)) {
      Audit.refused(caller, action, office, "office " + office, "role");
      throw forbidden("Your role may not " + action);
    }
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }
}
