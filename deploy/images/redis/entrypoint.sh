#!/bin/bash
# The public redis image's start-up, as far as this project and Testcontainers use it: options alone
# go to redis-server, which runs as user redis in /data with its compiled-in defaults (Debian's own
# configuration file, which binds loopback only, is not read): every interface of the container, the
# log on standard output, and protected mode off as in the public image (the network is the container's).
set -euo pipefail
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  # The command's own options (--requirepass, --save, --maxmemory ...) follow, and win.
  set -- redis-server --protected-mode no "$@"
  if [ "$(id -u)" = 0 ]; then
    chown -R redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
