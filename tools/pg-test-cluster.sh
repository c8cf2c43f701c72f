#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, on a free loopback port.
#   pg-test-cluster.sh start DIR   initdb in DIR (password auth over TCP), start; prints the
#                                  superuser's URL
#   pg-test-cluster.sh restart DIR stop the server (cutting every connection) and start it
#                                  again on the same port
#   pg-test-cluster.sh stop DIR    stop the server and remove DIR
# As root the server runs as the unprivileged `postgres` user (initdb refuses root).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
dir=${2:?usage: $0 start|restart|stop DIR}

as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Below the kernel's range of ephemeral ports: a port that a client connection holds there (the
# tests make many over loopback) cannot be listened on, though nothing listens on it.
free_port() {
    local port low
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    [ "$low" -gt 12000 ] || low=32768
    for _ in $(seq 1 200); do
        port=$((10000 + RANDOM % (low - 10000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

case "$1" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '+/=')
    printf '%s\n' "$password" >"$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/pwfile"
    as_server "$PGBIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # Another cluster of a test running beside this one may take the port between the probe
    # and the start: then another port.
    started=
    for _ in 1 2 3 4 5; do
        port=$(free_port)
        if as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null; then
            started=1
            break
        fi
    done
    if [ -z "$started" ]; then
        cat "$dir/server.log" >&2
        exit 1
    fi
    echo "$port" >"$dir/port"
    echo "postgresql://postgres:$password@127.0.0.1:$port/postgres"
    ;;
restart)
    as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 30 restart >/dev/null
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|restart|stop DIR" >&2
    exit 2
    ;;
esac
