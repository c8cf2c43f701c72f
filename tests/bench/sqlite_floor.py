#!/usr/bin/env python3
"""The SQLite floor under orders-mix's writes: what one command's rows cost in SQLite alone.

Each command here is what OrderTrail's append writes, with no Qt and no domain code: BEGIN
IMMEDIATE, the event INSERT (twelve values, RETURNING position), the order_summaries upsert,
COMMIT, through Python's sqlite3 module (C, statements cached). The schema is the one
`ordertrail-cli admin init` creates, so it stays the real one; `bare` drops the secondary
indexes and triggers to show what they cost. See BENCHMARKS.md.

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
    insert = ('INSERT INTO events (id, aggregate_type, aggregate_id, version, type, '
              'schema_version, data, user_id, correlation_id, causation_id, recorded_at, hash) '
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING position')
    upsert = ('INSERT INTO order_summaries (order_id, customer_id, status, item_count, '
              'total_cents, version, created_at, updated_at, last_user) VALUES (?, ?, ?, ?, ?, ?, '
              '?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id, '
              'status = excluded.status, item_count = excluded.item_count, total_cents = '
              'excluded.total_cents, version = excluded.version, created_at = '
              'excluded.created_at, updated_at = excluded.updated_at, last_user = '
              'excluded.last_user')
    data = json.dumps({'name': 'Widget', 'productId': 'SKU-0001', 'quantity': 2,
                       'unitPrice': '9.99'}, separators=(',', ':'))
    digest = hashlib.sha256(data.encode()).hexdigest()
    commands = 0
    start = time.perf_counter()
    for order in range(orders):
        order_id = f'ORD-{order:06d}'
        correlation = str(uuid.uuid4())
        for version in range(1, 9):
            now = 1_700_000_000_000 + commands
            db.execute('BEGIN IMMEDIATE')
            db.execute(insert, (str(uuid.uuid4()), 'Order', order_id, version, 'ItemAdded', 1,
                                data, 'bench', correlation, str(uuid.uuid4()), now,
                                digest)).fetchall()
            db.execute(upsert, (order_id, 'CUST-1', 'Created', version, 999 * version, version,
                                now, now, 'bench'))
            db.execute('COMMIT')
            commands += 1
    seconds = time.perf_counter() - start
    print(json.dumps({'workload': 'sqlite-floor', 'synchronous': mode, 'schema': schema,
                      'commands': commands, 'commands_per_s': round(commands / seconds, 1)}))
