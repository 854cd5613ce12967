package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/** Each SMTP security mode as Jakarta Mail settings, which no other setting can turn into clear text. */
class SmtpSecurityTest {

  @Test
  void requiredStarttlsRefusesAServerWithoutItAndChecksTheServersName() {
    Properties properties = SmtpSecurity.STARTTLS_REQUIRED.javaMailProperties(new Properties(), null, true);

    assertThat(properties)
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.enable", "false")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.auth", "true");
  }

  @Test
  void implicitTlsWinsOverASettingThatWouldTurnItOff() {
    Properties base = new Properties();
    base.setProperty("mail.smtp.ssl.enable", "false");
    base.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    base.setProperty("mail.smtp.timeout", "10000");
    SSLSocketFactory trusted = (SSLSocketFactory) SSLSocketFactory.getDefault();

    Properties properties = SmtpSecurity.TLS.javaMailProperties(base, trusted, false);

    assertThat(properties)
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.ssl.socketFactory", trusted)
        .containsEntry("mail.smtp.auth", "false")
        .containsEntry("mail.smtp.timeout", "10000");
    assertThat(SmtpSecurity.TLS.mayBeClearText()).isFalse();
  }

  @Test
  void onlyNoneAndOpportunisticStarttlsMaySendInClearText() {
    assertThat(SmtpSecurity.NONE.javaMailProperties(new Properties(), null, false))
        .containsEntry("mail.smtp.starttls.enable", "false")
        .containsEntry("mail.smtp.ssl.enable", "false");
    assertThat(SmtpSecurity.STARTTLS.javaMailProperties(new Properties(), null, false))
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "false");
    assertThat(SmtpSecurity.NONE.mayBeClearText()).isTrue();
    assertThat(SmtpSecurity.STARTTLS.mayBeClearText()).isTrue();
    assertThat(SmtpSecurity.STARTTLS_REQUIRED.mayBeClearText()).isFalse();
  }
}
