package org.interestsoffice.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The instances of each service behind the gateway, as configured: the load balancer of the
 * {@code lb://} routes picks among them (round robin). One URL per service where the platform
 * balances (a Compose or Kubernetes service name), several where the gateway does (two instances
 * of each service on one machine).
 */
@Component
class BackendInstances {

  /** @param instances service id ({@code missions}, ...) to the base URLs of its instances */
  @ConfigurationProperties("backends")
  record Configured(@DefaultValue Map<String, List<URI>> instances) {}

  private final Map<String, List<ServiceInstance>> byService;

  BackendInstances(Configured configured) {
    this.byService =
        configured.instances().entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> instancesOf(entry.getKey(), entry.getValue())));
  }

  private static List<ServiceInstance> instancesOf(String serviceId, List<URI> urls) {
    if (urls.isEmpty()) {
      throw new IllegalStateException("backends.instances." + serviceId + " lists no URL");
    }
    return IntStream.range(0, urls.size()).<ServiceInstance>mapToObj(i -> instance(serviceId, i + 1, urls.get(i))).toList();
  }

  private static ServiceInstance instance(String serviceId, int number, URI url) {
    if (url.getHost() == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
      throw new IllegalStateException("backends.instances." + serviceId + ": not an http(s) URL: " + url);
    }
    boolean secure = "https".equals(url.getScheme());
    int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
    return new DefaultServiceInstance(serviceId + "-" + number, serviceId, url.getHost(), port, secure);
  }

  /** Whether the gateway balances between several instances of the service itself. */
  boolean listsSeveral(String serviceId) {
    return byService.getOrDefault(serviceId, List.of()).size() > 1;
  }

  /**
   * The service's instances as its load balancer asks for them, at every request: the configured
   * list as it is. (A supplier over the discovery client asked every discovery client in turn, each
   * with a timeout scheduled, for every request: a flight recording under the gateway benchmark put
   * it among the gateway's larger costs per request.)
   */
  ServiceInstanceListSupplier instancesToPickFrom(String serviceId) {
    Flux<List<ServiceInstance>> configured = Flux.just(byService.getOrDefault(serviceId, List.of()));
    return new ServiceInstanceListSupplier() {
      @Override
      public String getServiceId() {
        return serviceId;
      }

      @Override
      public Flux<List<ServiceInstance>> get() {
        return configured;
      }
    };
  }
}
