package org.interestsoffice.system;

import java.time.Duration;
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

  /**
   * Stops taking mail first and only then reads what was taken: GreenMail's stop() throws its store
   * away, and a message stored between an earlier read and the stop, its 250 already sent, would
   * be missing from the count although the sender rightly marked it sent (a false "lost" seen in a
   * long run). A handler still storing a message once its connection is closed cannot answer 250
   * any more, so the sender sends that one again and it is counted then.
   */
  synchronized void down() {
    server.getSmtp().stopService();
    Commands.pause(Duration.ofSeconds(1));
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
