package org.interestsoffice.gateway.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * JDK serialization of the session's values, as Spring Session does by default, except that a value
 * this gateway cannot read back counts as absent. Such a value was written by another version (of
 * Spring Security's classes, say) before a rollout; without the security context the person is
 * simply not signed in and signs in again, instead of getting an error on every request until the
 * session expires.
 */
final class UnreadableAsAbsent implements RedisSerializer<Object> {

  private static final Logger log = LoggerFactory.getLogger(UnreadableAsAbsent.class);

  private final JdkSerializationRedisSerializer jdk;

  UnreadableAsAbsent(ClassLoader classLoader) {
    this.jdk = new JdkSerializationRedisSerializer(classLoader);
  }

  @Override
  public byte[] serialize(Object value) {
    return jdk.serialize(value);
  }

  @Override
  public Object deserialize(byte[] bytes) {
    try {
      return jdk.deserialize(bytes);
    } catch (SerializationException unreadable) {
      log.warn("A console session holds a value this version cannot read; its owner signs in again: {}", unreadable.getMessage());
      return null;
    }
  }
}
