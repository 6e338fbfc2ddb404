#!/usr/bin/env bash
# A 2-shard ClickHouse cluster on loopback for the SQL backend's ClickHouse tests, benchmark and docs (docs/sql.md).
#
#   eng/clickhouse-cluster.sh start    start both nodes (idempotent), create the demo tables, print the HTTP ports
#   eng/clickhouse-cluster.sh status   print the HTTP ports and the demo table's rows per shard; exit 1 when not running
#   eng/clickhouse-cluster.sh stop     stop both nodes and delete the cluster folder
#
# Two clickhouse-server processes (Debian's package, 18.16; installed with apt-get when missing and running as root)
# listen on 127.0.0.1 with their own HTTP, TCP and interserver ports and their own data, tmp and log folders under
# $EXPECTATIONS_CLICKHOUSE_DIR (default: $TMPDIR/expectations-clickhouse). Both read the same `remote_servers` config,
# which names them as the two shards of the cluster `expectations`. Ports: $EXPECTATIONS_CLICKHOUSE_PORT (default 28123)
# is node 1's HTTP port; node n listens on HTTP base+10(n-1), TCP base+10(n-1)+1, interserver base+10(n-1)+2.
#
# The demo tables show the layout the tests use: `expectations.demo_local` (MergeTree) on each node, holding that
# shard's rows, and `expectations.demo` (Distributed over both) on each node; created on each node because
# `ON CLUSTER` needs ZooKeeper. Output on success: one line `http_ports=<port1>,<port2>`.
set -euo pipefail

dir="${EXPECTATIONS_CLICKHOUSE_DIR:-${TMPDIR:-/tmp}/expectations-clickhouse}"
base="${EXPECTATIONS_CLICKHOUSE_PORT:-28123}"
cluster="expectations"
nodes=(1 2)

http_port() { echo $((base + 10 * ($1 - 1))); }
tcp_port() { echo $((base + 10 * ($1 - 1) + 1)); }
interserver_port() { echo $((base + 10 * ($1 - 1) + 2)); }

die() { echo "clickhouse-cluster: $*" >&2; exit 1; }

# Runs one query on node $1 over HTTP (query text on stdin or as $2); fails with the server's message.
query() {
  local port body
  port="$(http_port "$1")"
  if [ $# -ge 2 ]; then body="$2"; else body="$(cat)"; fi
  curl -sS --fail-with-body --max-time 30 "http://127.0.0.1:${port}/" --data-binary "$body"
}

answers() { curl -s --max-time 2 "http://127.0.0.1:$(http_port "$1")/ping" 2>/dev/null | grep -q '^Ok\.$'; }

server_binary() {
  command -v clickhouse-server 2>/dev/null || { [ -x /usr/sbin/clickhouse-server ] && echo /usr/sbin/clickhouse-server; } || true
}

ensure_installed() {
  if [ -n "$(server_binary)" ]; then return 0; fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    (apt-get install -y -qq clickhouse-server >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq clickhouse-server >/dev/null; }) \
      || die "installing clickhouse-server with apt-get failed"
  fi
  [ -n "$(server_binary)" ] || die "clickhouse-server is not installed (Debian: apt-get install clickhouse-server, as root)"
}

write_config() {
  local n="$1" d="$dir/node$1"
  mkdir -p "$d/data" "$d/tmp" "$d/log" "$d/user_files" "$d/format_schemas"
  {
    echo '<?xml version="1.0"?>'
    echo '<yandex>'
    echo "  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/error.log</errorlog><size>10M</size><count>2</count></logger>"
    echo "  <listen_host>127.0.0.1</listen_host>"
    echo "  <http_port>$(http_port "$n")</http_port>"
    echo "  <tcp_port>$(tcp_port "$n")</tcp_port>"
    echo "  <interserver_http_port>$(interserver_port "$n")</interserver_http_port>"
    echo "  <interserver_http_host>127.0.0.1</interserver_http_host>"
    echo "  <path>$d/data/</path>"
    echo "  <tmp_path>$d/tmp/</tmp_path>"
    echo "  <user_files_path>$d/user_files/</user_files_path>"
    echo "  <format_schema_path>$d/format_schemas/</format_schema_path>"
    echo "  <users_config>$dir/users.xml</users_config>"
    echo "  <default_profile>default</default_profile>"
    echo "  <default_database>default</default_database>"
    echo "  <timezone>UTC</timezone>"
    echo "  <mark_cache_size>268435456</mark_cache_size>"
    echo "  <uncompressed_cache_size>268435456</uncompressed_cache_size>"
    echo "  <max_concurrent_queries>50</max_concurrent_queries>"
    echo "  <mlock_executable>false</mlock_executable>"
    echo "  <remote_servers>"
    echo "    <$cluster>"
    for m in "${nodes[@]}"; do
      echo "      <shard><replica><host>127.0.0.1</host><port>$(tcp_port "$m")</port></replica></shard>"
    done
    echo "    </$cluster>"
    echo "  </remote_servers>"
    echo '</yandex>'
  } >"$d/config.xml"
}

write_users() {
  cat >"$dir/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
}

start_node() {
  local n="$1" d="$dir/node$1" bin
  bin="$(server_binary)"
  if answers "$n"; then return 0; fi
  write_config "$n"
  # Own session, output to the node's log folder: the server outlives this script and the caller's terminal. setsid
  # execs the server in the background job's process (not a group leader, so it does not fork): $! is the server.
  setsid "$bin" --config-file="$d/config.xml" >"$d/log/stdout.log" 2>&1 </dev/null &
  echo $! >"$d/server.pid"
}

# The pid of node $1's server when that process is still the server of this cluster folder (not a reused pid).
node_pid() {
  local pidfile="$dir/node$1/server.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--config-file=$dir/node$1/config.xml" && echo "$pid"
}

create_demo() {
  for n in "${nodes[@]}"; do
    query "$n" "CREATE DATABASE IF NOT EXISTS expectations" >/dev/null
    query "$n" "CREATE TABLE IF NOT EXISTS expectations.demo_local (id Int64, amount Nullable(Float64), label Nullable(String)) ENGINE = MergeTree ORDER BY id" >/dev/null
    query "$n" "CREATE TABLE IF NOT EXISTS expectations.demo AS expectations.demo_local ENGINE = Distributed($cluster, expectations, demo_local)" >/dev/null
    if [ "$(query "$n" "SELECT count() FROM expectations.demo_local")" = "0" ]; then
      # Shard n holds the ids congruent to n-1 modulo 2.
      query "$n" "INSERT INTO expectations.demo_local SELECT number * 2 + $((n - 1)) AS id, if(id % 7 = 3, NULL, toFloat64(id) * 1.5) AS amount, if(id % 5 = 0, NULL, concat('item-', toString(id))) AS label FROM system.numbers LIMIT 50" >/dev/null
    fi
  done
}

ports_line() { echo "http_ports=$(http_port 1),$(http_port 2)"; }

case "${1:-}" in
  start)
    ensure_installed
    mkdir -p "$dir"
    write_users
    for n in "${nodes[@]}"; do start_node "$n"; done
    for n in "${nodes[@]}"; do
      for _ in $(seq 1 300); do
        if answers "$n"; then break; fi
        if ! node_pid "$n" >/dev/null; then
          die "node $n exited at start: $(tail -n 5 "$dir/node$n/log/error.log" 2>/dev/null || true) $(tail -n 5 "$dir/node$n/log/stdout.log" 2>/dev/null || true)"
        fi
        sleep 0.1
      done
      answers "$n" || die "node $n does not answer on http://127.0.0.1:$(http_port "$n")/ after 30 s (see $dir/node$n/log)"
    done
    create_demo
    ports_line
    ;;
  status)
    for n in "${nodes[@]}"; do answers "$n" || { echo "clickhouse-cluster: node $n is not running (port $(http_port "$n"))" >&2; exit 1; }; done
    ports_line
    for n in "${nodes[@]}"; do
      echo "node$n: $(query "$n" "SELECT version()") demo_local rows: $(query "$n" "SELECT count() FROM expectations.demo_local" 2>/dev/null || echo none)"
    done
    ;;
  stop)
    pids=()
    for n in "${nodes[@]}"; do
      if pid="$(node_pid "$n")"; then kill "$pid" 2>/dev/null || true; pids+=("$pid"); fi
    done
    for pid in "${pids[@]}"; do
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; sleep 0.2; fi
    done
    for n in "${nodes[@]}"; do
      if answers "$n"; then die "node $n still answers on port $(http_port "$n") but was not started from $dir: stop it by hand"; fi
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
