package org.interestsoffice.gateway;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Which instances of a service the load balancer picks from. Where the gateway balances between
 * several URLs (bin/run-local --instances 2), only those that answer their readiness probe. Where
 * one URL names the platform's own balancer (a Compose service, a Kubernetes Service), that URL
 * always: the platform already routes to ready pods only, and probing the Service through the
 * gateway would take the whole service out of rotation whenever one probe fails (a 503 for every
 * request instead of a retry on another pod).
 * <p>
 * Each service's load-balancer context is configured with this class
 * ({@code @LoadBalancerClients(defaultConfiguration)} on {@link GatewayApplication}); it is no
 * {@code @Configuration}, so the application's own context never creates its bean.
 */
class ReadyInstances {

  @Bean
  ServiceInstanceListSupplier instancesToPickFrom(ConfigurableApplicationContext context, Environment environment) {
    String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
    BackendInstances backends = context.getBean(BackendInstances.class);
    ServiceInstanceListSupplier configured = backends.instancesToPickFrom(serviceId);
    return backends.listsSeveral(serviceId)
        ? ServiceInstanceListSupplier.builder().withBase(configured).withHealthChecks().build(context)
        : configured;
  }
}
