package org.interestsoffice.notifications.delivery;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.interestsoffice.notifications.alerts.AlertStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the SMS provider posts its delivery reports ({@code platform.security.public-paths}): no
 * user token, the provider's shared key in {@code X-Api-Key} instead ({@link DeliveryReportKey}).
 */
@RestController
class DeliveryReportController {

  private final DeliveryReports reports;

  DeliveryReportController(DeliveryReports reports) {
    this.reports = reports;
  }

  /**
   * @param id the provider's id of the message, as it answered when it took it
   * @param reference the alert id the message was sent with, if the provider echoes it
   */
  record DeliveryReportRequest(
      @Size(max = 200) String id,
      UUID reference,
      @NotBlank @Pattern(regexp = "DELIVERED|FAILED", message = "must be DELIVERED or FAILED") String status,
      @Size(max = 500) String error) {}

  record DeliveryReportResponse(UUID alertId, AlertStatus status) {}

  @PostMapping("/sms/delivery-reports")
  DeliveryReportResponse report(@Valid @RequestBody DeliveryReportRequest report) {
    DeliveryReports.Reported reported =
        reports.receive(new DeliveryReports.Report(report.id(), report.reference(), report.status(), report.error()));
    return new DeliveryReportResponse(reported.alertId(), reported.status());
  }
}
