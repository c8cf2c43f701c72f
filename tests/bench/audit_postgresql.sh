#!/bin/sh
# `audit` on PostgreSQL at a small size: its bulk path (orders filled into a SQLite file, the
# rows copied by the owner) must leave a database that verify finds intact, or the bench stops.
set -eu
[ -n "${ORDERTRAIL_TEST_PG:-}" ] || exit 77
db="bench_audit_$$"
psql -qX "$ORDERTRAIL_TEST_PG" -c "CREATE DATABASE $db"
trap 'psql -qX "$ORDERTRAIL_TEST_PG" -c "DROP DATABASE IF EXISTS $db"' EXIT
"$1" audit --events 400 --db "${ORDERTRAIL_TEST_PG%/*}/$db"
