package org.interestsoffice.notifications.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How email alerts go out; the SMTP server itself is {@code spring.mail.*} (host, port, TLS,
 * credentials: {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME}, ...).
 *
 * @param from sender address
 * @param workers dispatcher threads, each with its own SMTP connection for a batch
 * @param ratePerSecond at most this many emails a second from this instance (0: no limit)
 */
@ConfigurationProperties("notifications.email")
public record EmailSettings(
    @DefaultValue("alerts@interests-office.local") String from,
    @DefaultValue("2") int workers,
    @DefaultValue("0") double ratePerSecond) {}
