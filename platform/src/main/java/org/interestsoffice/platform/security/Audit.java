package org.interestsoffice.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: every refused access and every state change, with who, which office, what and
 * on which object. Personal data of staff never goes here: objects are named by id.
 */
public final class Audit {

  private static final Logger log = LoggerFactory.getLogger("audit");

  private Audit() {}

  public static void refused(Caller caller, String action, String office, Object object, String reason) {
    log.atWarn()
        .addKeyValue("audit", "refused")
        .addKeyValue("user", caller.username())
        .addKeyValue("userOffices", caller.offices())
        .addKeyValue("action", action)
        .addKeyValue("office", office)
        .addKeyValue("object", String.valueOf(object))
        .log("Refused {} on {} of office {}: {}", action, object, office, reason);
  }

  public static void changed(Caller caller, String action, String office, Object object) {
    log.atInfo()
        .addKeyValue("audit", "changed")
        .addKeyValue("user", caller.username())
        .addKeyValue("action", action)
        .addKeyValue("office", office)
        .addKeyValue("object", String.valueOf(object))
        .log("{} {} on {} of office {}", caller.username(), action, object, office);
  }
}
