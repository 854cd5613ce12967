package org.interestsoffice.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The realm roles a Keycloak access token carries ({@code realm_access.roles}), from its claims. */
public final class RealmRoles {

  private RealmRoles() {}

  public static List<String> in(Map<String, Object> claims) {
    if (!(claims.get("realm_access") instanceof Map<?, ?> access) || !(access.get("roles") instanceof Collection<?> roles)) {
      return List.of();
    }
    return roles.stream().map(String::valueOf).toList();
  }
}
