package org.interestsoffice.platform.security;

/**
 * Who is acting, as recorded in transitions and the audit log. Until identity is wired in, every
 * request is recorded as {@value #UNAUTHENTICATED} rather than under a name nobody proved.
 */
public final class Actor {

  public static final String UNAUTHENTICATED = "unauthenticated";

  private Actor() {}

  public static String current() {
    return UNAUTHENTICATED;
  }
}
