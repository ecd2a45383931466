#!/usr/bin/env bash
# Print a DATABASE_URL for a PostgreSQL server the tests can use: the one running on
# 127.0.0.1:5432 when there is one, else Debian's postgresql package installed and started here
# (as root). Exit 1, with the reason on stderr, when neither is possible.
set -euo pipefail

url="${PRONGSAI_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/prongsai}"

can_connect() { psql "${url%/*}/postgres" -Atqc 'select 1' >/dev/null 2>&1; }

if command -v psql >/dev/null && can_connect; then
  echo "$url"; exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-postgres: no PostgreSQL at $url and not root to install one" >&2; exit 1
fi
if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "ensure-postgres: installing Debian's postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n1)
conf=/etc/postgresql/$version/main
# Local test server only: trust connections from this machine.
if ! grep -q "prongsai-test" "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust # prongsai-test\nhost all all ::1/128 trust # prongsai-test' "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || \
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 30); do can_connect && { echo "$url"; exit 0; }; sleep 1; done
echo "ensure-postgres: PostgreSQL did not come up" >&2; exit 1
