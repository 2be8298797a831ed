#!/usr/bin/env bash
# Starts a throwaway MariaDB from Debian's mariadb-server package for the DB integration tests, on a
# free port bound to 127.0.0.1. Works as root (runs the server as "mysql" when that user exists).
# usage: mariadb-debian.sh start|stop   (start prints the JDBC URL; user/password helpdesk/helpdesk)
# State lives in $MDBTEST_DIR (default ./target/mariadb). The helpdesk user may create databases,
# because every test class creates a fresh one.
# The tests run without flushing the log at each commit; MARIADB_DURABLE=1 keeps the durable
# defaults and a 1 GiB buffer pool, for benchmark figures that stand for production.
set -euo pipefail
DIR=${MDBTEST_DIR:-$PWD/target/mariadb}
command -v mariadbd >/dev/null || PATH=$PATH:/usr/sbin
case "${1:-start}" in
start)
  mkdir -p "$DIR/data"; DIR=$(cd "$DIR" && pwd)
  PORT=${MDBTEST_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
  U=$(id -un); [ "$U" = root ] && id mysql >/dev/null 2>&1 && { U=mysql; chown -R mysql: "$DIR"; }
  mariadb-install-db --no-defaults --user="$U" --datadir="$DIR/data" --auth-root-authentication-method=socket \
      --skip-test-db >"$DIR/install.log" 2>&1
  FAST="--innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M"
  [ "${MARIADB_DURABLE:-0}" = 1 ] && FAST="--innodb-buffer-pool-size=1G"
  mariadbd --no-defaults --user="$U" --datadir="$DIR/data" --bind-address=127.0.0.1 --port="$PORT" \
      --socket="$DIR/mysqld.sock" --pid-file="$DIR/mysqld.pid" --log-error="$DIR/error.log" \
      --skip-name-resolve $FAST \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
  for _ in $(seq 1 120); do mariadb-admin --socket="$DIR/mysqld.sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.25; done
  mariadb --socket="$DIR/mysqld.sock" -uroot -e "CREATE DATABASE helpdesk; CREATE USER 'helpdesk'@'127.0.0.1' IDENTIFIED BY 'helpdesk'; GRANT ALL ON *.* TO 'helpdesk'@'127.0.0.1';"
  echo "jdbc:mariadb://127.0.0.1:$PORT/helpdesk" > "$DIR/jdbc-url"; cat "$DIR/jdbc-url" ;;
stop)
  [ -f "$DIR/mysqld.pid" ] && kill "$(cat "$DIR/mysqld.pid")" && while [ -e "$DIR/mysqld.pid" ]; do sleep 0.2; done || true
  rm -rf "$DIR" ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
