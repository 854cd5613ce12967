package org.interestsoffice.testing;

/**
* The RabbitMQ broker the tests of this JVM share (virtual host "/"). Runs are kept apart by the messaging
* namespace, not by the broker.
*/
public record Broker(String host, int port, String username, String password) {
}
