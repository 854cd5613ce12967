package org.interestsoffice.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the Keycloak realm whose tokens this service accepts
 * @param publicPaths paths anyone may call without a token (for example the acknowledgement page)
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(
    @DefaultValue("http://localhost:8180/realms/interests-office") String issuer, @DefaultValue List<String> publicPaths) {}
