package org.interestsoffice.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a fixed port that the fault suite takes down (connections
 * refused, as when the mail relay is gone) and brings back on the same port. What it received
 * before going down is kept: the messages count whichever server took them.
 */
final class SwitchableSmtp implements AutoCloseable {

  private final int port;
  private final List<MimeMessage> earlier = new ArrayList<>();
  private GreenMail server;

  SwitchableSmtp(int port) {
    this.port = port;
    up();
  }

  int port() {
    return port;
  }

  synchronized void up() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  synchronized void down() {
    earlier.addAll(Arrays.asList(server.getReceivedMessages()));
    server.stop();
    server = null;
  }

  /** Every message received since the start, across restarts. */
  synchronized List<MimeMessage> received() {
    List<MimeMessage> all = new ArrayList<>(earlier);
    if (server != null) {
      all.addAll(Arrays.asList(server.getReceivedMessages()));
    }
    return all;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
