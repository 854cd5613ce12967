package org.interestsoffice.notifications.delivery;

import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

/**
 * How the connection to the SMTP server is protected ({@code SMTP_SECURITY}). Whenever TLS is used
 * the server's certificate must be trusted and must name the host connected to.
 */
public enum SmtpSecurity {
  /** Clear text: only for a server on the same host or a trusted network (the local run's capture server). */
  NONE,
  /**
   * STARTTLS when the server offers it, clear text when it does not (RFC 3207, opportunistic): use
   * {@link #STARTTLS_REQUIRED} for a server across a network you do not control.
   */
  STARTTLS,
  /** STARTTLS, and no message (nor password) goes out if the server does not offer it: usually port 587. */
  STARTTLS_REQUIRED,
  /** Implicit TLS (SMTPS, RFC 8314) from the first byte: usually port 465. */
  TLS;

  /** Whether it may ever talk to the server in clear text. */
  public boolean mayBeClearText() {
    return this == NONE || this == STARTTLS;
  }

  /**
   * The Jakarta Mail settings of this mode, on top of {@code base}: they win over any that say
   * otherwise there, so no other setting can turn TLS off behind this one.
   *
   * @param trusted the socket factory trusting a private CA; null for the JVM's default trust store
   * @param authenticate whether to log in (a user name is configured)
   */
  public Properties javaMailProperties(Properties base, SSLSocketFactory trusted, boolean authenticate) {
    Properties properties = new Properties();
    properties.putAll(base);
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.auth", Boolean.toString(authenticate));
    properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(this == TLS));
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(this == STARTTLS || this == STARTTLS_REQUIRED));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(this == STARTTLS_REQUIRED));
    // Jakarta Mail does not check the certificate's host name unless told to: a TLS connection to
    // whoever holds any trusted certificate would not be worth its name.
    properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    if (trusted != null) {
      properties.put("mail.smtp.ssl.socketFactory", trusted);
    } else {
      properties.remove("mail.smtp.ssl.socketFactory");
    }
    return properties;
  }
}
