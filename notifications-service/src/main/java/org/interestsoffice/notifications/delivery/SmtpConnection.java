package org.interestsoffice.notifications.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The connection to the SMTP server: Spring Boot's mail settings (host, port, user name, password,
 * {@code spring.mail.properties.*}) with the {@link SmtpSecurity} and trust of {@link SmtpSettings}
 * applied last, so that nothing else can turn TLS off. A configured user name logs in (Jakarta Mail
 * would otherwise ignore it).
 */
@Configuration(proxyBeanMethods = false)
// Boot's mail auto-configuration backs off, with its binding of spring.mail.*, once this sender exists.
@EnableConfigurationProperties(MailProperties.class)
class SmtpConnection {

  private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

  @Bean
  JavaMailSenderImpl mailSender(MailProperties mail, SmtpSettings smtp) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(mail.getHost());
    if (mail.getPort() != null) {
      sender.setPort(mail.getPort());
    }
    boolean authenticate = mail.getUsername() != null && !mail.getUsername().isBlank();
    if (authenticate) {
      sender.setUsername(mail.getUsername());
      sender.setPassword(mail.getPassword());
    }
    sender.setProtocol("smtp");
    sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    Properties base = new Properties();
    base.putAll(mail.getProperties());
    SSLSocketFactory trusted = smtp.trustedCertificates().isBlank() ? null : trusting(Path.of(smtp.trustedCertificates()));
    sender.setJavaMailProperties(smtp.security().javaMailProperties(base, trusted, authenticate));
    if (authenticate && smtp.security().mayBeClearText()) {
      log.atWarn()
          .addKeyValue("security", smtp.security())
          .log("SMTP credentials are configured but SMTP_SECURITY={} may send them in clear text; use starttls-required or tls", smtp.security());
    }
    log.atInfo().addKeyValue("security", smtp.security()).addKeyValue("privateTrust", trusted != null).log("SMTP connection: {}", smtp.security());
    return sender;
  }

  /** TLS that trusts the certificates in the PEM file, and only those. */
  static SSLSocketFactory trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalStateException("No certificate in " + pem + " (SMTP_TRUSTED_CERTIFICATES)");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("smtp-trusted-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read SMTP_TRUSTED_CERTIFICATES " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot trust the certificates of " + pem + " (SMTP_TRUSTED_CERTIFICATES)", e);
    }
  }
}
