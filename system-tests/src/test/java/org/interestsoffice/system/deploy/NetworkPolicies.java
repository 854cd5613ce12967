package org.interestsoffice.system.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Kubernetes' NetworkPolicies of a build let through, as a network plugin that enforces them
 * decides: a pod selected by no policy of a type (Ingress, Egress) is open for that type; a selected
 * pod lets a connection through when a rule of one of the policies selecting it matches the peer
 * and the port. A connection between two pods needs the sender's egress and the receiver's ingress.
 *
 * <p>Peers are pods of the build (labels and ports known), pods of a namespace whose labels the
 * build cannot know (Keycloak's, the broker's: a rule's pod selector is then taken to mean them),
 * or addresses outside the cluster (only an ipBlock or an open rule reaches them). Label selectors
 * support matchLabels and the four matchExpressions operators; a named port matches only where the
 * receiving pod declares it.
 */
final class NetworkPolicies {

  static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

  /** A pod of the build: its namespace, its labels and its named container ports. */
  record Pod(String name, String namespace, Map<String, Object> labels, Map<String, Integer> ports) {}

  /** Where a connection goes or comes from. */
  sealed interface Peer {}

  /** A pod of the build. */
  record BuiltPod(Pod pod) implements Peer {}

  /**
   * Some pod of the namespace, whose labels are not in the build; a null namespace means some
   * namespace other than the policy's (the ingress controller's, Prometheus's).
   */
  record InNamespace(String namespace) implements Peer {}

  /** An address outside the cluster. */
  record Outside() implements Peer {}

  enum Direction {
    INGRESS("Ingress", "ingress", "from"), EGRESS("Egress", "egress", "to");

    final String policyType;
    final String rules;
    final String peers;

    Direction(String policyType, String rules, String peers) {
      this.policyType = policyType;
      this.rules = rules;
      this.peers = peers;
    }
  }

  private final List<Map<String, Object>> policies;

  NetworkPolicies(List<Map<String, Object>> resources) {
    this.policies = resources.stream().filter(resource -> "NetworkPolicy".equals(resource.get("kind"))).toList();
  }

  List<Map<String, Object>> all() {
    return policies;
  }

  /** The policies that select the pod for the direction (none: the pod is open that way). */
  List<Map<String, Object>> selecting(Pod pod, Direction direction) {
    return policies.stream()
        .filter(policy -> Objects.equals(namespace(policy), pod.namespace()))
        .filter(policy -> types(policy).contains(direction.policyType))
        .filter(policy -> selects(Maps.mapAt(policy, "spec").get("podSelector"), pod.labels()))
        .toList();
  }

  /** Whether the pod may open a connection to the peer on the port. */
  boolean egressAllowed(Pod from, Peer to, Object port, String protocol) {
    return allowed(from, Direction.EGRESS, to, port, protocol);
  }

  /** Whether the pod accepts a connection from the peer on the port. */
  boolean ingressAllowed(Pod to, Peer from, Object port, String protocol) {
    return allowed(to, Direction.INGRESS, from, port, protocol);
  }

  private boolean allowed(Pod pod, Direction direction, Peer peer, Object port, String protocol) {
    List<Map<String, Object>> selecting = selecting(pod, direction);
    if (selecting.isEmpty()) {
      return true;
    }
    // The port is the receiver's: the peer's on the way out, the pod's own on the way in.
    Map<String, Integer> receiverPorts = direction == Direction.INGRESS ? pod.ports()
        : peer instanceof BuiltPod built ? built.pod().ports() : Map.of();
    Optional<Integer> number = port instanceof Integer n ? Optional.of(n) : Optional.ofNullable(receiverPorts.get(String.valueOf(port)));
    for (Map<String, Object> policy : selecting) {
      for (Object rule : Maps.listAt(policy, "spec." + direction.rules)) {
        if (portMatches(rule, number, receiverPorts, protocol) && peerMatches(rule, direction, peer, namespace(policy))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean portMatches(Object rule, Optional<Integer> port, Map<String, Integer> receiverPorts, String protocol) {
    List<Object> ports = Maps.listAt(rule, "ports");
    if (ports.isEmpty()) {
      return true;
    }
    for (Object entry : ports) {
      String entryProtocol = Maps.at(entry, "protocol").map(String::valueOf).orElse("TCP");
      Object entryPort = Maps.at(entry, "port").orElse(null);
      if (!entryProtocol.equals(protocol)) {
        continue;
      }
      if (entryPort == null) {
        return true;
      }
      Optional<Integer> entryNumber = entryPort instanceof Integer n ? Optional.of(n) : Optional.ofNullable(receiverPorts.get(String.valueOf(entryPort)));
      int endPort = Maps.at(entry, "endPort").map(value -> ((Number) value).intValue()).orElse(entryNumber.orElse(-1));
      if (port.isPresent() && entryNumber.isPresent() && port.get() >= entryNumber.get() && port.get() <= endPort) {
        return true;
      }
    }
    return false;
  }

  private static boolean peerMatches(Object rule, Direction direction, Peer peer, String policyNamespace) {
    if (Maps.at(rule, direction.peers).isEmpty()) {
      return true;
    }
    for (Object entry : Maps.listAt(rule, direction.peers)) {
      Optional<Object> ipBlock = Maps.at(entry, "ipBlock");
      Optional<Object> namespaceSelector = Maps.at(entry, "namespaceSelector");
      Optional<Object> podSelector = Maps.at(entry, "podSelector");
      boolean matches;
      if (peer instanceof Outside) {
        matches = ipBlock.isPresent();
      } else if (peer instanceof BuiltPod built) {
        matches = ipBlock.isEmpty()
            && namespaceMatches(namespaceSelector, policyNamespace, built.pod().namespace())
            && podSelector.map(selector -> selects(selector, built.pod().labels())).orElse(true);
      } else {
        String namespace = ((InNamespace) peer).namespace();
        matches = ipBlock.isEmpty() && (namespace == null
            ? namespaceSelector.isPresent() && !namespaceMatches(namespaceSelector, policyNamespace, policyNamespace)
            : namespaceMatches(namespaceSelector, policyNamespace, namespace));
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** A peer without a namespace selector is in the policy's namespace; with one, in the namespaces it selects. */
  private static boolean namespaceMatches(Optional<Object> selector, String policyNamespace, String namespace) {
    return selector.map(s -> selects(s, Map.of(NAMESPACE_LABEL, namespace))).orElse(Objects.equals(policyNamespace, namespace));
  }

  /** A label selector: an empty one selects everything. */
  static boolean selects(Object selector, Map<String, ?> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, Object> map = Maps.map(selector, "label selector");
    Map<String, Object> matchLabels = map.containsKey("matchLabels") ? Maps.map(map.get("matchLabels"), "matchLabels") : Map.of();
    for (var label : matchLabels.entrySet()) {
      if (!String.valueOf(label.getValue()).equals(String.valueOf(labels.get(label.getKey())))) {
        return false;
      }
    }
    for (Object expression : map.containsKey("matchExpressions") ? Maps.list(map.get("matchExpressions"), "matchExpressions") : List.of()) {
      String key = Maps.string(expression, "key");
      List<String> values = Maps.listAt(expression, "values").stream().map(String::valueOf).toList();
      Object value = labels.get(key);
      String operator = Maps.string(expression, "operator");
      boolean holds;
      if ("In".equals(operator)) {
        holds = value != null && values.contains(String.valueOf(value));
      } else if ("NotIn".equals(operator)) {
        holds = value == null || !values.contains(String.valueOf(value));
      } else if ("Exists".equals(operator)) {
        holds = value != null;
      } else if ("DoesNotExist".equals(operator)) {
        holds = value == null;
      } else {
        throw new AssertionError("unknown selector operator in " + expression);
      }
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  static String namespace(Map<String, Object> resource) {
    return Maps.string(resource, "metadata.namespace");
  }

  static List<String> types(Map<String, Object> policy) {
    List<Object> declared = Maps.listAt(policy, "spec.policyTypes");
    if (!declared.isEmpty()) {
      return declared.stream().map(String::valueOf).toList();
    }
    // Kubernetes' default: Ingress always, Egress when the policy has egress rules.
    return Maps.at(policy, "spec.egress").isPresent() ? List.of("Ingress", "Egress") : List.of("Ingress");
  }
}
