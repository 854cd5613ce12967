package org.interestsoffice.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.interestsoffice.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The SMS provider's shared key, checked before anything of a delivery report or an inbound message
 * (a reply to an alert) is read: a caller without it learns nothing, not even whether its body would
 * have been valid.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryReportKey implements WebMvcConfigurer {

  private static final Logger audit = LoggerFactory.getLogger("audit");

  private final byte[] key;

  DeliveryReportKey(SmsSettings settings) {
    this.key = settings.deliveryReportKey().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
            new HandlerInterceptor() {
              @Override
              public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String presented = request.getHeader("X-Api-Key");
                if (key.length == 0 || presented == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
                  audit.atWarn().addKeyValue("audit", "unauthenticated").addKeyValue("path", request.getRequestURI()).log("Refused a call of the SMS provider without its key");
                  throw new ProblemException(401, "Unauthorized", "Delivery reports and inbound messages need the SMS provider's key in X-Api-Key");
                }
                return true;
              }
            })
        .addPathPatterns("/sms/delivery-reports", "/sms/inbound");
  }
}
