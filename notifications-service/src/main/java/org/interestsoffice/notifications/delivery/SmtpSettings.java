package org.interestsoffice.notifications.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service reaches its SMTP server beyond host, port and credentials (those are {@code
 * spring.mail.host}, {@code port}, {@code username}, {@code password}: {@code SMTP_HOST}, {@code
 * SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}).
 *
 * @param security {@code none}, {@code starttls}, {@code starttls-required} or {@code tls} ({@code SMTP_SECURITY})
 * @param trustedCertificates a PEM file of the certificates (a private CA) the server's certificate
 *     must chain to, instead of the JVM's trust store; empty: the JVM's ({@code SMTP_TRUSTED_CERTIFICATES})
 */
@ConfigurationProperties("notifications.smtp")
public record SmtpSettings(@DefaultValue("none") SmtpSecurity security, @DefaultValue("") String trustedCertificates) {}
