#!/usr/bin/env bash
# Print a Redis URL the app, its workers and the tests can use: the server on 127.0.0.1:6379
# when one answers, else Debian's redis-server installed and started here (as root). Exit 1,
# with the reason on stderr, when neither is possible.
set -euo pipefail

url="${PRONGSAI_REDIS_URL:-redis://127.0.0.1:6379/0}"
hostport="${url#redis://}"; hostport="${hostport%%/*}"; hostport="${hostport##*@}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379

answers() {
  if command -v redis-cli >/dev/null; then
    [ "$(redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = "PONG" ]
  else  # no client yet: a PING over bash's /dev/tcp
    exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
    printf 'PING\r\n' >&3; local reply; read -r -t 2 reply <&3 || true; exec 3>&-
    [[ "$reply" == +PONG* ]]
  fi
}

if answers; then echo "$url"; exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-redis: no Redis at $host:$port and not root to install one" >&2; exit 1
fi
if ! command -v redis-server >/dev/null; then
  echo "ensure-redis: installing Debian's redis-server" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
# no systemd in a container: start it ourselves, in the background, on loopback only
redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save "" --appendonly no \
  --logfile /tmp/prongsai-redis.log >/dev/null
for _ in $(seq 1 30); do answers && { echo "$url"; exit 0; }; sleep 0.5; done
echo "ensure-redis: Redis did not come up (see /tmp/prongsai-redis.log)" >&2; exit 1
