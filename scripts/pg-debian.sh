#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from the Debian binaries for the DB integration tests, on a free
# port bound to 127.0.0.1. Works as root (runs the server as "postgres").
# usage: pg-debian.sh start|stop   (start prints the JDBC URL; user/password helpdesk/helpdesk)
# State lives in $PGTEST_DIR (default ./target/pg). The helpdesk role may create databases, because
# every test class creates a fresh one.
# The tests run with fsync and synchronous commit off; PG_DURABLE=1 keeps PostgreSQL's durable
# defaults, for benchmark figures that stand for production.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
DIR=${PGTEST_DIR:-$PWD/target/pg}
case "${1:-start}" in
start)
  mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
  PORT=${PGTEST_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
  RUNAS=(); if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin postgres; chown postgres: "$DIR"; RUNAS=(runuser -u postgres --); fi
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log"
  FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; [ "${PG_DURABLE:-0}" = 1 ] && FAST=""
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
     -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 $FAST" start >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt \
     -c "create role helpdesk login createdb password 'helpdesk'" -c "create database helpdesk owner helpdesk"
  echo "jdbc:postgresql://127.0.0.1:$PORT/helpdesk" > "$DIR/jdbc-url"; cat "$DIR/jdbc-url" ;;
stop)
  RUNAS=(); [ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --)
  [ -f "$DIR/data/postmaster.pid" ] && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$DIR" ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
