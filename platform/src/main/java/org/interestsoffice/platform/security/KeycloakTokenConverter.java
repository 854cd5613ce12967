package org.interestsoffice.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a Keycloak access token: realm roles from {@code realm_access.roles}, offices from the
 * {@code offices} claim (set by the office groups of the realm), the name from
 * {@code preferred_username}. Roles the platform does not know give no authority.
 */
public class KeycloakTokenConverter implements Converter<Jwt, CallerAuthentication> {

  public static final String OFFICES_CLAIM = "offices";

  @Override
  public CallerAuthentication convert(Jwt jwt) {
    Set<Role> roles =
        stringsOf(Optional.ofNullable(jwt.getClaimAsMap("realm_access")).map(access -> access.get("roles")).orElse(null))
            .stream()
            .map(Role::ofRealmRole)
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    Set<String> offices = Set.copyOf(stringsOf(jwt.getClaims().get(OFFICES_CLAIM)));
    String username = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
    Caller caller = new Caller(jwt.getSubject(), username, roles, offices);
    return new CallerAuthentication(
        jwt, roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(), caller);
  }

  /** A claim that may hold one string or a list of them. */
  private static List<String> stringsOf(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    if (claim instanceof String value) {
      return List.of(value);
    }
    return List.of();
  }
}
