package org.interestsoffice.testing;

import com.rabbitmq.client.ConnectionFactory;

/**
* The RabbitMQ broker the tests of this JVM share (virtual host "/"). Runs are kept apart by the messaging
* namespace, not by the broker.
*/
public record Broker(String host, int port, String username, String password) {

  /** A client's connection factory for this broker, with its address and credentials set. */
  public ConnectionFactory connectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setUsername(username);
    factory.setPassword(password);
    return factory;
  }
}
