package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class DevelopmentOnlySettingsTest {

  private static final EmailSettings REAL_SENDER = new EmailSettings("alerts@iop.example.org", 2, 0);
  private static final EmailSettings LOCAL_SENDER = new EmailSettings("alerts@interests-office.local", 2, 0);

  @Test
  void productionRefusesToStartWithTheSmsCapture() {
    assertThatThrownBy(() -> new DevelopmentOnlySettings(sms("capture", ""), REAL_SENDER, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("notifications.sms.provider=capture")
        .hasMessageContaining("NOTIFICATIONS_DEVELOPMENT_MODE=true");
  }

  @Test
  void productionRefusesALocalSender() {
    assertThat(DevelopmentOnlySettings.problems(sms("http", "report-key"), LOCAL_SENDER, false))
        .singleElement().asString().contains("alerts@interests-office.local");
  }

  @Test
  void productionRefusesAnHttpProviderWhoseReportsWouldAllBeRefused() {
    assertThat(DevelopmentOnlySettings.problems(sms("http", ""), REAL_SENDER, false))
        .singleElement().asString().contains("NOTIFICATIONS_SMS_DELIVERY_REPORT_KEY");
  }

  @Test
  void productionStartsWithARealProviderAndSender() {
    assertThat(DevelopmentOnlySettings.problems(sms("http", "report-key"), REAL_SENDER, false)).isEmpty();
    assertThat(DevelopmentOnlySettings.problems(sms("smpp", ""), REAL_SENDER, false)).isEmpty();
  }

  @Test
  void developmentModeAllowsTheCaptureAndALocalSender() {
    assertThat(DevelopmentOnlySettings.problems(sms("capture", ""), LOCAL_SENDER, true)).isEmpty();
  }

  private static SmsSettings sms(String provider, String deliveryReportKey) {
    return new SmsSettings(provider, 2, 30, null,
        new SmsSettings.Http(URI.create("https://sms.example.org/messages"), "key", Duration.ofSeconds(2), Duration.ofSeconds(10)),
        new SmsSettings.Smpp("smsc.example.org", 2775, "id", "", "", "", 10, 0, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30)),
        deliveryReportKey);
  }
}
