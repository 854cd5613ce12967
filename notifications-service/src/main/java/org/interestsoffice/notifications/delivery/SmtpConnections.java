package org.interestsoffice.notifications.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection per dispatcher thread, kept open from batch to batch. Before a batch the
 * connection is checked with a NOOP ({@link Transport#isConnected()}), so a connection the server
 * closed while idle (or a server that restarted) is replaced instead of failing the batch; after a
 * failure that broke it, the next batch opens a new one. Settings (host, port, TLS, login) are the
 * configured sender's.
 */
final class SmtpConnections {

  private final JavaMailSenderImpl settings;
  private final ThreadLocal<Transport> perThread = new ThreadLocal<>();
  private final Set<Transport> open = ConcurrentHashMap.newKeySet();

  SmtpConnections(JavaMailSenderImpl settings) {
    this.settings = settings;
  }

  /** This thread's connection, opened (or opened again) if it is not usable. */
  Transport connected() throws MessagingException {
    Transport transport = perThread.get();
    if (transport != null && stillUsable(transport)) {
      return transport;
    }
    Transport fresh = settings.getSession().getTransport(settings.getProtocol());
    // A configured user name logs in; without one, the password is not sent.
    fresh.connect(settings.getHost(), settings.getPort(), settings.getUsername(), settings.getUsername() == null ? null : settings.getPassword());
    perThread.set(fresh);
    open.add(fresh);
    return fresh;
  }

  /** Whether the connection still answers (a NOOP); a dead one is closed and forgotten. */
  boolean stillUsable(Transport transport) {
    if (transport.isConnected()) {
      return true;
    }
    close(transport);
    if (perThread.get() == transport) {
      perThread.remove();
    }
    return false;
  }

  void closeAll() {
    open.forEach(this::close);
  }

  private void close(Transport transport) {
    open.remove(transport);
    try {
      transport.close();
    } catch (MessagingException alreadyGone) {
      // the server or the network already ended it
    }
  }
}
