#!/bin/bash
# The public rabbitmq image's start-up, as far as this project and Testcontainers use it.
set -euo pipefail
mkdir -p /etc/rabbitmq/conf.d
{
  # The public image's default: its users may connect from other containers and the host.
  echo "loopback_users = none"
  echo "listeners.tcp.default = 5672"
  echo "management.tcp.port = 15672"
  if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
  if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
} >/etc/rabbitmq/conf.d/10-container.conf
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq
# The health check runs rabbitmq-diagnostics as root: it needs the node's cookie.
if [ -f /var/lib/rabbitmq/.erlang.cookie ]; then cp /var/lib/rabbitmq/.erlang.cookie /root/; fi
export RABBITMQ_LOGS=- HOME=/var/lib/rabbitmq
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
