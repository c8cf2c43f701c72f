#pragma once

#include "es/Clock.h"
#include "service/Administration.h"
#include "service/OrderService.h"
#include "storage/Database.h"
#include "store/CommandHandler.h"
#include "store/EventStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace ot::test {

// A clock that only moves when told to, so timestamps in tests are exact.
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000) // 2026-01-01T00:00:00Z
        : m_now(startMs) {}
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

// Ids 00000000-0000-4000-8000-000000000001, ...002, ... in order.
class SequentialIds final : public IdGenerator {
public:
    QUuid next() override {
        return QUuid::fromString(
            QStringLiteral("00000000-0000-4000-8000-%1").arg(++m_count, 12, 16, QChar(u'0')));
    }

private:
    quint64 m_count = 0;
};

inline QByteArray json(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline Command makeCommand(const QString &orderId, const QString &type,
                           const QJsonObject &data = {},
                           const QString &user = QStringLiteral("alice")) {
    static int counter = 0;
    const QString id = QStringLiteral("cmd-%1").arg(++counter);
    return Command{id, type, orderId, data, user, id, std::nullopt};
}

// Direct SQL on a test database with the owner's rights, as an attacker with file or
// superuser access (or another program) would use it.
class RawConnection {
public:
    explicit RawConnection(const DatabaseUrl &url)
        : m_name(QStringLiteral("raw-%1").arg(++s_count)) {
        const bool pg = url.backend == DatabaseUrl::Backend::Postgres;
        QSqlDatabase db = QSqlDatabase::addDatabase(
            pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_name);
        if (pg) {
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setPassword(url.password);
            db.setDatabaseName(url.database);
        } else {
            db.setDatabaseName(url.path);
        }
        if (!db.open())
            qFatal("cannot open %s: %s", qPrintable(url.toString()),
                   qPrintable(db.lastError().text()));
        m_postgres = pg;
    }
    ~RawConnection() { QSqlDatabase::removeDatabase(m_name); }
    const QString &name() const { return m_name; }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    QSqlError exec(const QString &sql) {
        QSqlQuery query(QSqlDatabase::database(m_name));
        query.exec(sql);
        return query.lastError();
    }
    QVariant value(const QString &sql) {
        QSqlQuery query(QSqlDatabase::database(m_name));
        query.exec(sql);
        return query.next() ? query.value(0) : QVariant();
    }
    // Removes the append-only guard, as someone with the database files or the owner's
    // password could.
    void allowTampering() {
        if (m_postgres) {
            exec(QStringLiteral("ALTER TABLE events DISABLE TRIGGER events_no_change"));
        } else {
            exec(QStringLiteral("DROP TRIGGER events_no_update"));
            exec(QStringLiteral("DROP TRIGGER events_no_delete"));
        }
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_postgres = false;
};

// Every event as stored, a line each, oldest first: what an upgrade must leave as it was.
inline QStringList storedEvents(const DatabaseUrl &url) {
    RawConnection raw(url);
    QSqlQuery query(QSqlDatabase::database(raw.name()));
    query.exec(QStringLiteral("SELECT position, id, version, type, schema_version, data, user_id, "
                              "recorded_at, hash, state_digest FROM events ORDER BY position"));
    QStringList all;
    while (query.next()) {
        QStringList row;
        for (int c = 0; c < 10; ++c)
            row << query.value(c).toString();
        all << row.join(u'|');
    }
    return all;
}

// The problems of a report as "kind order version user" lines, for messages and lookups.
inline QStringList describe(const IntegrityReport &report) {
    QStringList lines;
    for (const IntegrityProblem &p : report.problems)
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(p.toJson().value(QStringLiteral("problem")).toString(), p.aggregateId)
                     .arg(p.version)
                     .arg(p.userId);
    return lines;
}

// The backend a storage test runs on: ORDERTRAIL_TEST_BACKEND=sqlite (default) or postgresql.
// PostgreSQL needs ORDERTRAIL_TEST_PG, a superuser URL: tools/run-tests.sh starts a throwaway
// cluster and sets it.
class TestBackend {
public:
    TestBackend()
        : m_postgres(qEnvironmentVariable("ORDERTRAIL_TEST_BACKEND") ==
                     QLatin1String("postgresql")) {
        if (m_postgres) {
            auto url = DatabaseUrl::parse(qEnvironmentVariable("ORDERTRAIL_TEST_PG"));
            if (url)
                m_admin = url.value();
        }
    }

    bool isPostgres() const { return m_postgres; }
    QString name() const {
        return m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    }

    // Non-empty when the backend cannot be tested here; CTest reports the test as skipped.
    QString unavailable() const {
        if (m_postgres && m_admin.host.isEmpty())
            return QStringLiteral("PostgreSQL test server not available: set ORDERTRAIL_TEST_PG "
                                  "(tools/run-tests.sh does)");
        return {};
    }

    // A new database with nothing in it: a file name not yet created, or an empty PostgreSQL
    // database.
    DatabaseUrl emptyDatabase() {
        const QString name =
            QStringLiteral("ot_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_count);
        if (!m_postgres)
            return DatabaseUrl::sqlite(m_dir.filePath(name % QStringLiteral(".sqlite")));
        RawConnection admin(m_admin);
        const QSqlError error = admin.exec(QStringLiteral("CREATE DATABASE ") % name);
        if (error.isValid())
            qFatal("cannot create a test database: %s", qPrintable(error.text()));
        DatabaseUrl url = m_admin;
        url.database = name;
        return url;
    }

    // A new database with the current schema (and, on PostgreSQL, the roles).
    DatabaseUrl freshDatabase() {
        const DatabaseUrl url = emptyDatabase();
        if (auto ok = admin::initialize(url); !ok)
            qFatal("cannot initialise %s: %s", qPrintable(url.toString()),
                   qPrintable(ok.error().message));
        return url;
    }

    // A database an earlier OrderTrail wrote (tests/fixtures/README.md): a copy of
    // `name`.sqlite, or `name`-postgresql.sql restored into an empty database after the roles
    // it grants to. Not upgraded yet.
    DatabaseUrl fixtureDatabase(const QString &name) {
        const DatabaseUrl url = emptyDatabase();
        const QString fixture = QStringLiteral(OT_FIXTURES "/") + name;
        if (!m_postgres) {
            if (!QFile::copy(fixture + QStringLiteral(".sqlite"), url.path) ||
                !QFile::setPermissions(url.path, QFile::ReadOwner | QFile::WriteOwner))
                qFatal("cannot copy the fixture %s", qPrintable(name));
            return url;
        }
        RawConnection owner(url);
        for (const char *role : {"ordertrail_staff", "ordertrail_auditor"})
            owner.exec(QStringLiteral("DO $$BEGIN CREATE ROLE %1 NOLOGIN; EXCEPTION WHEN "
                                      "duplicate_object THEN NULL; END$$")
                           .arg(QLatin1String(role)));
        QProcess psql;
        psql.start(QStringLiteral("psql"),
                   {QStringLiteral("--quiet"), QStringLiteral("--set=ON_ERROR_STOP=1"),
                    QStringLiteral("--dbname=") + url.toString(DatabaseUrl::Password::Included),
                    QStringLiteral("--file=") + fixture + QStringLiteral("-postgresql.sql")});
        if (!psql.waitForFinished(60000) || psql.exitCode() != 0)
            qFatal("cannot restore the fixture %s: %s", qPrintable(name),
                   psql.readAllStandardError().constData());
        return url;
    }

    // The same database under another login.
    static DatabaseUrl as(DatabaseUrl url, const QString &user, const QString &password) {
        url.user = user;
        url.password = password;
        return url;
    }

    // The database of `url` under a PostgreSQL login in `role`, made when missing (logins
    // belong to the cluster, so an earlier test may have made it); its password is "pw-" + name.
    static DatabaseUrl login(const DatabaseUrl &url, const QString &name, admin::Role role) {
        const QString password = QStringLiteral("pw-") + name;
        auto added = admin::addUser(url, name, role, password);
        if (!added && !added.error().message.contains(QStringLiteral("already exists")))
            qFatal("cannot add %s: %s", qPrintable(name), qPrintable(added.error().message));
        return as(url, name, password);
    }

private:
    bool m_postgres;
    DatabaseUrl m_admin;
    QTemporaryDir m_dir;
    int m_count = 0;
};

// The service on `url`; a test that cannot open it stops there, saying why.
inline std::unique_ptr<OrderService> openService(const DatabaseUrl &url,
                                                 OpenMode mode = OpenMode::ExistingOnly,
                                                 OrderServiceOptions options = {}) {
    auto service = OrderService::open(url, mode, options);
    if (!service)
        qFatal("cannot open %s: %s", qPrintable(url.toString()),
               qPrintable(service.error().message));
    return std::move(service.value());
}

// The access log, oldest first: each entry's record with who wrote it (the event's user).
struct LoggedAccess {
    AccessRecord record;
    QString user;
};
inline QList<LoggedAccess> accessLog(OrderService &service) {
    EventFilter filter;
    filter.aggregateType = AccessWord::Type;
    filter.aggregateId = AccessWord::Log;
    auto events = service.events(filter, 0, 10'000);
    if (!events)
        qFatal("cannot read the access log: %s", qPrintable(events.error().message));
    QList<LoggedAccess> log;
    for (const DomainEvent &event : std::as_const(events.value())) {
        auto record = AccessRecord::fromData(event.data);
        if (!record)
            qFatal("an unreadable access record: %s", qPrintable(record.error().message));
        log.append({record.value(), event.metadata.userId});
    }
    return log;
}

// A PDF's text as pdftotext (poppler-utils) reads it, every run of white space made one space.
inline QString pdfText(const QString &path) {
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QStringLiteral("(pdftotext failed: %1)")
            .arg(QString::fromUtf8(process.readAllStandardError()));
    return QString::fromUtf8(process.readAllStandardOutput()).simplified();
}

} // namespace ot::test

// QVERIFY on a Result, evaluated once: fails with the error message when it is an error.
#define OT_REQUIRE(expression)                                                                     \
    do {                                                                                           \
        const auto &otResult = (expression);                                                       \
        QVERIFY2(otResult.ok(), otResult.ok() ? "" : qPrintable(otResult.error().message));        \
    } while (false)

// Fails the current test unless `result` is an error with `errorCode` whose message mentions
// `fragment` (case-insensitive).
#define OT_EXPECT_ERROR(result, errorCode, fragment)                                               \
    do {                                                                                           \
        const auto &r_ = (result);                                                                 \
        QVERIFY2(!r_.ok(), "expected an error, but the call succeeded");                           \
        QCOMPARE(errorCodeName(r_.error().code), errorCodeName(errorCode));                        \
        QVERIFY2(r_.error().message.contains((fragment), Qt::CaseInsensitive),                     \
                 qPrintable(QStringLiteral("message \"%1\" does not mention \"%2\"")               \
                                .arg(r_.error().message.left(300), (fragment))));                  \
    } while (false)
