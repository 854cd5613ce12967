package org.interestsoffice.notifications.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This instance's name, recorded with every alert it sends (column {@code sent_by}), so an operator
 * can tell which of several instances sent what: {@code notifications.instance-name}, else host
 * name and process id.
 */
@Component
class Instance {

  private final String name;

  Instance(@Value("${notifications.instance-name:}") String configured) {
    this.name = configured.isBlank() ? hostName() + ":" + ProcessHandle.current().pid() : configured;
  }

  String name() {
    return name;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
