package org.interestsoffice.notifications.escalation;

import java.util.List;

/** Where the heads of an office are found. */
public interface OfficeHeads {

  /**
   * @return the heads of the office who can be emailed; empty if it has none
   * @throws OfficeHeadsUnavailable when the directory cannot be asked now (try again later)
   */
  List<OfficeHead> of(String officeCode);

  class OfficeHeadsUnavailable extends RuntimeException {
    public OfficeHeadsUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
