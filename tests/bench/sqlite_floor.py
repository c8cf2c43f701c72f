#!/usr/bin/env python3
"""The SQLite floor under orders-mix's writes: what one command's rows cost in SQLite alone.

Each command here is what OrderTrail's append writes, with no Qt and no domain code: BEGIN
IMMEDIATE, the event INSERT (twelve values, RETURNING position; its time-ordered UUIDv7 id
doubling as correlation and causation, as a command's own id does), the order_summaries upsert
(every column of schema 7), COMMIT, through Python's sqlite3 module (C, statements cached),
with the PRAGMAs the product's connections set. The
schema is the one `ordertrail-cli admin init` creates, triggers included (the hourly counts of
schema 9), so it stays the real one; `bare` drops the secondary indexes and triggers to show
what they cost. See BENCHMARKS.md.

    sqlite_floor.py ORDERTRAIL_CLI full|normal schema|bare ORDERS
"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid



def uuid7():
    """RFC 9562 version 7, as OrderTrail makes ids: the Unix milliseconds, then random bits."""
    raw = bytearray((time.time_ns() // 1_000_000).to_bytes(6, 'big') + os.urandom(10))
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


cli, mode, schema, orders = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with tempfile.TemporaryDirectory() as folder:
    source = os.path.join(folder, 'schema.db')
    subprocess.run([cli, '--db', f'sqlite:{source}', 'admin', 'init'], check=True,
                   stdout=subprocess.DEVNULL)
    ddl = [row[0] for row in sqlite3.connect(source).execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'events_text%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    db = sqlite3.connect(os.path.join(folder, 'floor.db'), isolation_level=None)
    db.execute('PRAGMA journal_mode = WAL')
    for statement in ddl:
        if schema == 'bare' and statement.startswith(('CREATE INDEX', 'CREATE TRIGGER')):
            continue
        db.execute(statement)
    db.execute(f'PRAGMA synchronous = {mode.upper()}')
    # The rest of what the product's connections set (SqliteDialect::sessionSetup).
    for pragma in ('secure_delete = ON', 'temp_store = MEMORY', 'wal_autocheckpoint = 10000'):
        db.execute(f'PRAGMA {pragma}')
    insert = ('INSERT INTO events (id, aggregate_type, aggregate_id, version, type, '
              'schema_version, data, user_id, correlation_id, causation_id, recorded_at, hash) '
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING position')
    columns = ['order_id', 'customer_id', 'status', 'item_count', 'total_cents', 'version',
               'created_at', 'updated_at', 'last_user', 'net_cents', 'tax_cents', 'currency']
    upsert = (f'INSERT INTO order_summaries ({", ".join(columns)}) VALUES '
              f'({", ".join("?" * len(columns))}) ON CONFLICT (order_id) DO UPDATE SET ' +
              ', '.join(f'{column} = excluded.{column}' for column in columns[1:]))
    data = json.dumps({'name': 'Widget', 'productId': 'SKU-0001', 'quantity': 2,
                       'unitPrice': '9.99'}, separators=(',', ':'))
    digest = hashlib.sha256(data.encode()).hexdigest()
    commands = 0
    start = time.perf_counter()
    for order in range(orders):
        order_id = f'ORD-{order:06d}'
        for version in range(1, 9):
            now = 1_700_000_000_000 + commands
            command = uuid7()
            db.execute('BEGIN IMMEDIATE')
            db.execute(insert, (uuid7(), 'Order', order_id, version, 'ItemAdded', 1, data,
                                'bench', command, command, now, digest)).fetchall()
            db.execute(upsert, (order_id, 'CUST-1', 'Created', version, 1188 * version, version,
                                now, now, 'bench', 999 * version, 189 * version, 'EUR'))
            db.execute('COMMIT')
            commands += 1
    seconds = time.perf_counter() - start
    print(json.dumps({'workload': 'sqlite-floor', 'synchronous': mode, 'schema': schema,
                      'commands': commands, 'commands_per_s': round(commands / seconds, 1)}))
