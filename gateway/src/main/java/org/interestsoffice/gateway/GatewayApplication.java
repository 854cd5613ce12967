package org.interestsoffice.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;

/** The single entry point of the platform's public API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@LoadBalancerClients(defaultConfiguration = ReadyInstances.class)
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
