package org.interestsoffice.gateway.console;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;

/**
 * Where the console's sign-in lives between requests: the web session, which Spring Session keeps in
 * Redis (spring.data.redis, spring.session.data.redis.namespace), so that every instance of the
 * gateway sees every session and a restart or a rollout signs nobody out. The session holds who is
 * signed in (the security context) and, here, the tokens Keycloak gave for them (the authorized
 * client: access, refresh and ID token), which the gateway relays to the services and refreshes.
 * By default Spring Security would keep those tokens in this instance's memory, beside a session
 * that is shared: another instance would find the person signed in but without a token.
 *
 * <p>Attributes are written with JDK serialization (Spring Session's default): everything in the
 * session is Spring Security's own Serializable types and strings, never a class of the gateway's.
 * One that cannot be read back is taken as absent ({@link UnreadableAsAbsent}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSessions implements BeanClassLoaderAware {

  private ClassLoader classLoader = ConsoleSessions.class.getClassLoader();

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** Spring Session's serializer of session values, by the name it looks for. */
  @Bean
  RedisSerializer<Object> springSessionDefaultRedisSerializer() {
    return new UnreadableAsAbsent(classLoader);
  }

  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClientsInTheSession() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }
}
