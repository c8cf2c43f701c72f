#include "Database.h"
#include "Dialect.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <optional>

namespace ot {

namespace {

constexpr int BusyTimeoutMs = 15000;

// SQLite result codes (the low byte of an extended code).
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    NotADatabase = 26,
};

// Events indexed for text search in one write transaction: a few milliseconds' work.
constexpr int TextIndexBatch = 500;

class SqliteDialect final : public Dialect {
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-sqlite"); }

    void configure(QSqlDatabase &db, const DatabaseUrl &url) const override {
        db.setDatabaseName(url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    }

    // An acknowledged command must survive a power cut: this is an audit trail. What is
    // deleted (a destroyed key, a forgotten customer's row) is overwritten with zeros, in the
    // file and in the write-ahead log, rather than left in free space. The statement journal
    // (what a savepoint's rollback restores) stays in memory: a group's commands each take one,
    // and spilled to a temporary file past 64 KiB it cost a quarter of their rate. Sorts that
    // no index serves are kept in memory too: the activity of a text filter groups its matches.
    // The log is copied back into the file every 10,000 pages (40 MiB) rather than SQLite's
    // 1,000: a command dirties a dozen pages, mostly the same hot index pages as the commands
    // before it, and a checkpoint writes each once however often it changed (orders-mix with
    // synchronous=NORMAL: a fifth more commands a second; no change with FULL, where the flush
    // of every commit dominates). Durability does not depend on it.
    QStringList sessionSetup(const DatabaseUrl &) const override {
        return {QStringLiteral("PRAGMA synchronous = FULL"),
                QStringLiteral("PRAGMA secure_delete = ON"),
                QStringLiteral("PRAGMA temp_store = MEMORY"),
                QStringLiteral("PRAGMA wal_autocheckpoint = 10000")};
    }

    QString inspectSql() const override {
        return QStringLiteral("SELECT count(*), coalesce(sum(name = 'ordertrail_meta'), 0) "
                              "FROM sqlite_master WHERE type = 'table'");
    }

    bool migratesOnOpen() const override { return true; }

    // WAL is a property of the file, set once, outside any transaction.
    QStringList prepareEmpty() const override {
        return {QStringLiteral("PRAGMA journal_mode = WAL")};
    }

    QString schemaWord(SchemaWord word) const override {
        switch (word) {
        case SchemaWord::Integer:
        case SchemaWord::SmallInteger:
            return QStringLiteral("INTEGER");
        case SchemaWord::Position:
            return QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
        case SchemaWord::UserDefault:
        case SchemaWord::EventsExtra:
            return {};
        }
        return {};
    }

    QStringList migrationExtras(int version, const QString &) const override {
        if (version == 1)
            return {QStringLiteral("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                                   "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"),
                    QStringLiteral("CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
                                   "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")};
        if (version == 4)
            // A trigram full-text index of the event data, filled lazily (prepareTextSearch).
            return {QStringLiteral("CREATE VIRTUAL TABLE events_text USING fts5(data, "
                                   "content='events', content_rowid='position', "
                                   "tokenize='trigram')")};
        if (version == 9)
            return {QStringLiteral(
                "CREATE TRIGGER events_count AFTER INSERT ON events BEGIN INSERT INTO "
                "event_counts (hour_start, type, user_id, slot, n) VALUES (NEW.recorded_at / "
                "3600000 * 3600000, NEW.type, NEW.user_id, 0, 1) ON CONFLICT (hour_start, type, "
                "user_id, slot) DO UPDATE SET n = n + 1; END")};
        return {};
    }

    bool isFile() const override { return true; }
    QStringList functionPrivileges(const QString &, const QString &,
                                   const QString &) const override {
        return {};
    }
    QString sessionSql() const override { return {}; }

    // Takes the write lock up front, so concurrent writers queue on the busy timeout instead
    // of failing when a read transaction tries to become a write transaction.
    QString beginWrite() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    bool preparesTransactionControl() const override { return true; }
    QString streamLockSql() const override { return {}; }
    QString holdWritersSql() const override { return {}; }

    // One writer at a time: positions are assigned in commit order, so the commit key is the
    // position alone.
    bool positionsFollowCommitOrder() const override { return true; }
    QString commitKeyColumn() const override { return QStringLiteral("0"); }
    QString committedAfterCondition() const override { return QStringLiteral("position > ?"); }
    QString asBytes(const QString &column) const override {
        return QStringLiteral("CAST(") % column % QStringLiteral(" AS BLOB)");
    }
    QString commitOrder() const override { return QStringLiteral("position"); }
    QString commitFrontierSql() const override {
        // The newest row by the position's index; no row when there are no events. (A max()
        // beside a count(*) would scan the whole table.)
        return QStringLiteral("SELECT 0, position FROM events ORDER BY position DESC LIMIT 1");
    }

    // Writers take positions one at a time: every row still to commit lies above the highest
    // committed position.
    QString checkpointBoundarySql() const override {
        return QStringLiteral("SELECT coalesce(max(position), 0) FROM events");
    }
    QString belowBoundarySql() const override { return QStringLiteral("position <= ?"); }

    // Candidates come from the trigram index and `LIKE` decides, so a match means what the scan
    // means (the case of ASCII letters ignored) however they were found. FTS5
    // answers a phrase by stepping the lists of all its trigrams together: "Product 0" read
    // the lists of "Pro", "rod", ... (three events in four each) to find one event in 1,600,
    // a cost that grows with the table. One rare trigram of the text gives the few candidates
    // at once; only where every trigram is common does the phrase narrow better. Texts shorter
    // than a trigram, or any when the index could not be brought up to date, are scanned for.
    TextMatch textMatch(const QString &text, Database &db) const override {
        TextMatch match{
            {}, {}, QStringLiteral("data LIKE ? ESCAPE '\\'"), {substringPattern(text)}};
        const QList<uint> characters = text.toUcs4();
        const std::optional<qint64> indexed =
            characters.size() < 3 ? std::nullopt : prepareTextSearch(db);
        if (!indexed)
            return match;
        match.hits =
            QStringLiteral("SELECT rowid AS hit FROM events_text WHERE events_text MATCH ?");
        // FTS5 folds the case of every letter, LIKE only of ASCII letters: a text with any other
        // character is left to the phrase alone, which finds "Über" for "über" (as PostgreSQL's
        // ILIKE does in a UTF-8 locale).
        if (std::any_of(characters.begin(), characters.end(), [](uint c) { return c > 127; })) {
            match.hitValues = {phrase(text)};
            match.condition.clear();
            match.values.clear();
            return match;
        }
        match.hitValues = {phrase(rarestTrigram(characters, *indexed, db).value_or(text))};
        return match;
    }
    QString inSubquery(const QString &column, const QString &subquery) const override {
        return column % QStringLiteral(" IN (") % subquery % u')';
    }

    QString subjectKeysSql(const QString &) const override {
        return QStringLiteral("SELECT subject, key FROM subject_keys WHERE subject IN (SELECT "
                              "value FROM json_each(?))");
    }
    QString newSubjectKeySql(const QString &) const override {
        return QStringLiteral("INSERT INTO subject_keys (subject, key) VALUES (?, ?) ON CONFLICT "
                              "(subject) DO UPDATE SET key = subject_keys.key RETURNING key");
    }
    QString forgetSubjectSql(const QString &) const override {
        return QStringLiteral("DELETE FROM subject_keys WHERE subject = ?");
    }
    // secure_delete zeroed the key's bytes in the page, but older copies of that page may still
    // be in the write-ahead log: copy the log into the file and empty it.
    QString afterForgetting() const override {
        return QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    bool isVersionConflict(const QSqlError &error) const override {
        // SQLite names the columns of the violated key; only the stream's version key and the
        // command id are concurrency conflicts (a duplicate event id is not).
        // A command id recorded meanwhile by another writer is found by the retry.
        return error.databaseText().contains(QLatin1String("UNIQUE constraint failed")) &&
               (error.databaseText().contains(QLatin1String("events.version")) ||
                error.databaseText().contains(QLatin1String("commands.command_id")));
    }

    QString reason(const QSqlError &error) const override {
        bool ok = false;
        const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
        switch (ok ? code : -1) {
        case Busy:
        case Locked:
            return QStringLiteral("the database stayed busy for %1 s: another program holds its "
                                  "write lock; try again")
                .arg(BusyTimeoutMs / 1000);
        case ReadOnly:
            // A reader of a read-only file leaves -wal and -shm files as read-only as the file.
            return QStringLiteral("the database is read-only: check that you may write the file, "
                                  "the -wal and -shm files beside it, and its folder");
        case Full:
            return QStringLiteral("the disk is full: free some space and try again");
        case NotADatabase:
            return QStringLiteral("the file is not an SQLite database: is it the right file?");
        case Corrupt:
            return QStringLiteral("the database file is damaged: restore it from a backup");
        case CantOpen:
            return QStringLiteral("the file cannot be opened (check that it and its folder exist "
                                  "and are writable)");
        case IoError:
            return QStringLiteral("reading or writing the file failed (a disk I/O error): "
                                  "check that the disk has free space and works, then try "
                                  "again");
        default:
            return error.databaseText().isEmpty() ? error.text() : error.databaseText();
        }
    }

    bool serverStampsEvents() const override { return false; }

    // A counter in shared memory that another connection's commit changes: no I/O.
    QString changeChannel() const override { return {}; }
    QString changeCounterSql() const override { return QStringLiteral("PRAGMA data_version"); }

private:
    // FTS5 writes a new index segment at every commit, which made each command 60 % dearer;
    // so the index is filled here, before a search, with every event appended since
    // (ordertrail_meta 'text_indexed_upto' says how far it goes). In batches, each its own
    // short write transaction with a pause after it as long again: a command that waits for
    // the write lock meanwhile gets it within a batch or two, however much is left to index.
    // Returns the position indexed up to, or none if it could not index (a read-only file).
    static std::optional<qint64> prepareTextSearch(Database &db) {
        const QString what = QStringLiteral("cannot update the text index");
        qint64 indexedTo = 0;
        for (;;) {
            QElapsedTimer batch;
            batch.start();
            bool more = false;
            auto indexed = db.writeTransaction([&]() -> Result<void> {
                auto upto = db.value(QStringLiteral("SELECT coalesce(max(CAST(value AS INTEGER)), "
                                                    "0) FROM ordertrail_meta WHERE key = "
                                                    "'text_indexed_upto'"),
                                     {}, what);
                if (!upto)
                    return upto.error();
                indexedTo = upto->toLongLong();
                auto last = db.value(QStringLiteral("SELECT max(position) FROM (SELECT position "
                                                    "FROM events WHERE position > ? ORDER BY "
                                                    "position LIMIT ?)"),
                                     {upto.value(), TextIndexBatch}, what);
                if (!last)
                    return last.error();
                if (last->isNull())
                    return {};
                more = true;
                indexedTo = last->toLongLong();
                if (auto ok = db.run({QStringLiteral("INSERT INTO events_text (rowid, data) "
                                                     "SELECT position, data FROM events WHERE "
                                                     "position > ? AND position <= ?"),
                                      {upto.value(), last.value()},
                                      what});
                    !ok)
                    return ok;
                return db.run({QStringLiteral("INSERT OR REPLACE INTO ordertrail_meta (key, "
                                              "value) VALUES ('text_indexed_upto', ?)"),
                               {last->toString()},
                               what});
            });
            if (!indexed)
                return std::nullopt;
            if (!more)
                return indexedTo;
            QThread::msleep(quint64(batch.elapsed()) + 1);
        }
    }

    // An FTS5 phrase of `text`: quoted, its quotes doubled.
    static QString phrase(const QString &text) {
        return u'"' % QString(text).replace(u'"', QStringLiteral("\"\"")) % u'"';
    }

    // Of the text's first MaxProbes trigrams, the one in the fewest events, if that is a rare
    // trigram: in fewer than one event in sixteen of the `events` indexed, and than CommonFrom.
    // Counted in rounds, each up to eight times as far as the one before (counting costs 37 ns
    // an event): the first round in which a count stops short of its bound has found the
    // rarest. None when every trigram is common, where the whole phrase narrows better, or
    // when a count failed (the search's own query then reports what is wrong).
    static std::optional<QString> rarestTrigram(const QList<uint> &characters, qint64 events,
                                                Database &db) {
        constexpr qsizetype MaxProbes = 32;
        constexpr qint64 FirstBound = 1000;
        constexpr qint64 CommonFrom = 50'000;
        QStringList trigrams;
        for (qsizetype i = 0; i + 3 <= characters.size() && trigrams.size() < MaxProbes; ++i) {
            const QString trigram = QString::fromUcs4(
                reinterpret_cast<const char32_t *>(characters.constData() + i), 3);
            if (!trigrams.contains(trigram))
                trigrams << trigram;
        }
        const qint64 commonFrom = std::min(events / 16, CommonFrom);
        for (qint64 bound = std::min(FirstBound, commonFrom); bound > 0; bound *= 8) {
            bound = std::min(bound, commonFrom);
            std::optional<QString> rarest;
            qint64 fewest = bound;
            for (const QString &trigram : trigrams) {
                auto counted = db.value(
                    QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM events_text WHERE "
                                   "events_text MATCH ? LIMIT ?)"),
                    {phrase(trigram), fewest}, QStringLiteral("cannot search the text index"));
                if (!counted)
                    return std::nullopt;
                if (counted->toLongLong() < fewest) {
                    fewest = counted->toLongLong();
                    rarest = trigram;
                }
            }
            if (rarest || bound == commonFrom)
                return rarest;
        }
        return std::nullopt;
    }
};

} // namespace

std::unique_ptr<Dialect> makeSqliteDialect() {
    return std::make_unique<SqliteDialect>();
}

} // namespace ot
