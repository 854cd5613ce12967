package org.interestsoffice.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the work this thread is doing. */
public final class Callers {

  private Callers() {}

  /** The authenticated caller of this request, or {@link Caller#SYSTEM} outside any request. */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof CallerAuthentication caller) {
      return caller.caller();
    }
    return Caller.SYSTEM;
  }
}
