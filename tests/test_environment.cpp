// Broken environments (issue 8): a file that is not a database, an empty file, a read-only file
// or folder, a database of a newer schema, a full disk, an unreachable PostgreSQL. Through
// ordertrail-cli and through the core (Database::open, OrderService): a clear message and exit
// code, no crash, the file untouched byte for byte; after a full disk, the earlier data whole
// and the database working again once there is space. And a umask that lets others read what
// a process creates: what OrderTrail creates is still its owner's alone.

#include "CliProcess.h"
#include "TestSupport.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QScopeGuard>

#include <csignal>
#include <cstring>
#include <linux/capability.h>
#include <memory>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace ot;
using namespace ot::test;

namespace {

// Root passes every file permission check through these capabilities; without them a process
// of root meets permissions like any user, which is what a read-only file or folder is about.
constexpr int FileOverrides[] = {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER};

// In a child before exec: root gets its capabilities back at exec from the bounding set, so
// they are dropped from there. A user other than root has none and cannot drop any.
void meetFilePermissions() {
    for (const int capability : FileOverrides)
        ::prctl(PR_CAPBSET_DROP, capability, 0, 0, 0);
}

// The calling thread without the override capabilities while it lives (capabilities belong to
// a thread; the core runs its SQLite calls on the caller's).
class FilePermissionsApply {
public:
    FilePermissionsApply() { set(false); }
    ~FilePermissionsApply() { set(true); }
    FilePermissionsApply(const FilePermissionsApply &) = delete;
    FilePermissionsApply &operator=(const FilePermissionsApply &) = delete;

private:
    static void set(bool overrides) {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct data[2] = {};
        if (::syscall(SYS_capget, &header, data) != 0)
            return;
        for (const int capability : FileOverrides) {
            const quint32 bit = 1u << capability;
            if (overrides)
                data[0].effective |= data[0].permitted & bit;
            else
                data[0].effective &= ~bit;
        }
        ::syscall(SYS_capset, &header, data);
    }
};

// A file as a user could tell it changed: its bytes, size and modification time, and which
// files lie beside it.
struct FileState {
    bool exists = false;
    QByteArray sha256;
    qint64 size = -1;
    QDateTime modified;
    QStringList folder;

    static FileState of(const QString &path) {
        FileState state;
        const QFileInfo info(path);
        state.exists = info.exists();
        if (info.isFile()) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                state.sha256 = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
            state.size = info.size();
            state.modified = info.lastModified();
        }
        state.folder = info.absoluteDir().entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        return state;
    }
};

#define FILE_UNTOUCHED(before, path)                                                               \
    do {                                                                                           \
        const FileState after_ = FileState::of(path);                                              \
        QCOMPARE(after_.exists, (before).exists);                                                  \
        QVERIFY2(after_.sha256 == (before).sha256, "the file's bytes changed");                    \
        QCOMPARE(after_.size, (before).size);                                                      \
        QCOMPARE(after_.modified, (before).modified);                                              \
        QCOMPARE(after_.folder, (before).folder);                                                  \
    } while (false)

// Moves a file's modification time an hour back, so that a write cannot go unnoticed.
bool backdate(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) &&
           file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                            QFileDevice::FileModificationTime);
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

// Whether a child process restricted by `inChild` can run `script` (with $0 = `path`): the
// check that the restriction is real before a test relies on it.
bool childCan(const char *script, const QString &path, const std::function<void()> &inChild) {
    QProcess shell;
    shell.setChildProcessModifier(inChild);
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), QString::fromLatin1(script), path});
    return shell.waitForFinished(30000) && shell.exitStatus() == QProcess::NormalExit &&
           shell.exitCode() == 0;
}

// A subcommand of ordertrail-cli that opens the database, and whether it writes (a verify and
// a checkpoint are recorded in the access log).
struct Subcommand {
    QByteArrayList args;
    bool writes;
};

const QList<Subcommand> &everySubcommand() {
    static const QList<Subcommand> list{
        {{"orders"}, false},
        {{"show", "ORD-1"}, false},
        {{"history", "ORD-1"}, false},
        {{"verify"}, true},
        {{"checkpoint"}, true},
        {{"events", "--text", "Mug"}, false},
        {{"command", "ORD-9", R"({"type":"CreateOrder","data":{"customerId":"C-9"}})"}, true},
        {{"demo-data", "2"}, true},
        {{"rebuild-projections"}, true},
    };
    return list;
}

constexpr OpenMode EveryMode[] = {OpenMode::ExistingOnly, OpenMode::CreateIfMissing,
                                  OpenMode::Initialize};

const char *modeName(OpenMode mode) {
    switch (mode) {
    case OpenMode::ExistingOnly:
        return "ExistingOnly";
    case OpenMode::CreateIfMissing:
        return "CreateIfMissing";
    case OpenMode::Initialize:
        return "Initialize";
    }
    return "";
}

// Asserts a storage error from the core whose message names `fragment`.
#define CORE_STORAGE_ERROR(result, fragment)                                                       \
    do {                                                                                           \
        const auto &c_ = (result);                                                                 \
        QVERIFY2(!c_.ok(), "the core accepted it");                                                \
        QCOMPARE(errorCodeName(c_.error().code), QStringLiteral("storage"));                       \
        QVERIFY2(c_.error().message.contains(ot::test::asText(fragment), Qt::CaseInsensitive),     \
                 qPrintable(c_.error().message));                                                  \
        QVERIFY2(!ot::test::looksLikeRawDriverMessage(c_.error().message),                         \
                 qPrintable(c_.error().message));                                                  \
    } while (false)

// A file's or folder's permission bits in octal ("600"), or why they cannot be read.
QString modeOf(const QString &path) {
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return QStringLiteral("missing: ") + path;
    return QString::number(status.st_mode & 07777, 8);
}

// The umasks a user may run OrderTrail under: the usual one, one that lets everyone read and
// write what is created, and one that takes even the owner's write bit.
void addUmaskRows() {
    QTest::addColumn<mode_t>("umask");
    QTest::newRow("umask 022") << mode_t(022);
    QTest::newRow("umask 000") << mode_t(0);
    QTest::newRow("umask 277") << mode_t(0277);
}

std::function<void()> withUmask(mode_t mask) {
    return [mask] { ::umask(mask); };
}

// A loopback port nothing listens on: bound by the system, then closed again.
int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

} // namespace

class TestEnvironment : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    static QByteArrayList db(const DatabaseUrl &url) {
        return {"--db", url.toString(DatabaseUrl::Password::Included).toUtf8()};
    }
    static QByteArrayList db(const QString &file) { return db(DatabaseUrl::sqlite(file)); }

    // An OrderTrail database file with ORD-1 (C-1, 2 x Mug at 9.99), closed, so that no
    // -wal or -shm file is left beside it.
    void makeDatabase(const QString &file) {
        const CliRun created = runCli(
            db(file) + QByteArrayList{"command", "ORD-1",
                                      R"({"type":"CreateOrder","data":{"customerId":"C-1"}})"});
        OT_CLI_OK(created);
        const CliRun added =
            runCli(db(file) + QByteArrayList{"command", "ORD-1",
                                             R"({"type":"AddItem","data":{"productId":"P-1",)"
                                             R"("name":"Mug","quantity":2,"price":"9.99"}})"});
        OT_CLI_OK(added);
        QCOMPARE(QDir(QFileInfo(file).absolutePath())
                     .entryList({QFileInfo(file).fileName() + QStringLiteral("-*")}),
                 QStringList());
    }

    void sqliteOnly() {
        if (m_backend.isPostgres())
            QSKIP("SQLite files: the sqlite run covers this");
    }

    // Every subcommand and every open mode of the core on `file` fails with a storage error
    // naming `fragment`, and the file and its folder stay as they were.
    void refusedEverywhereAndUntouched(const QString &file, const char *fragment) {
        QVERIFY(backdate(file));
        const FileState before = FileState::of(file);
        for (const Subcommand &sub : everySubcommand()) {
            const auto where = qScopeGuard([&] {
                if (QTest::currentTestFailed())
                    qWarning("ordertrail-cli %s", sub.args.join(' ').constData());
            });
            const CliRun run = runCli(db(file) + sub.args);
            OT_CLI_FAILS(run, 4, "storage", fragment);
            QVERIFY2(run.errorMessage().contains(file), run.describe().constData());
            FILE_UNTOUCHED(before, file);
        }
        for (const OpenMode mode : EveryMode) {
            const auto where = qScopeGuard([&] {
                if (QTest::currentTestFailed())
                    qWarning("Database::open in mode %s", modeName(mode));
            });
            CORE_STORAGE_ERROR(Database::open(DatabaseUrl::sqlite(file), mode), fragment);
            FILE_UNTOUCHED(before, file);
        }
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() {
        // A test that failed half-way may leave a folder others cannot write.
        QFile::setPermissions(m_dir->path() + QStringLiteral("/ro"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_dir.reset();
    }

    // ---- a file that is not a database ------------------------------------------------------

    void notADatabase_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fragment");
        QByteArray random(8192, 0);
        QRandomGenerator(8).fillRange(reinterpret_cast<quint32 *>(random.data()),
                                      random.size() / 4);
        QByteArray text;
        for (int i = 0; i < 200; ++i)
            text += "Shopping list line " + QByteArray::number(i) + ": milk, eggs, bread\n";
        const QString notSqlite = QStringLiteral("not an SQLite database");
        QTest::newRow("random bytes") << random << notSqlite;
        QTest::newRow("a text file") << text << notSqlite;
        QTest::newRow("50 bytes of garbage") << random.left(50) << notSqlite;
        QTest::newRow("an SQLite header, then garbage")
            << QByteArray("SQLite format 3\0", 16) + random.left(4000) << notSqlite;
        QTest::newRow("a PNG image") << QByteArray("\x89PNG\r\n\x1a\n", 8) + random << notSqlite;
        QTest::newRow("a truncated database") << QByteArray() << QStringLiteral("damaged");
    }

    void notADatabase() {
        sqliteOnly();
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fragment);
        const QString file = path(QStringLiteral("orders.sqlite"));
        if (bytes.isEmpty()) {
            // Its first pages (the schema) are whole; the orders are cut off.
            const QString whole = path(QStringLiteral("whole.sqlite"));
            const CliRun demo = runCli(db(whole) + QByteArrayList{"demo-data", "30"});
            OT_CLI_OK(demo);
            QFile source(whole);
            QVERIFY(source.open(QIODevice::ReadOnly));
            bytes = source.read(20000);
        }
        QVERIFY(writeFile(file, bytes));
        refusedEverywhereAndUntouched(file, qPrintable(fragment));
    }

    // SQLite makes a database of an empty file, and so does OrderTrail for a command; whoever
    // only reads gets a clear error and the file stays empty.
    void emptyFileIsANewDatabaseForWritersOnly() {
        sqliteOnly();
        const QString file = path(QStringLiteral("orders.sqlite"));
        QVERIFY(writeFile(file, {}));
        QVERIFY(backdate(file));
        const FileState before = FileState::of(file);
        for (const Subcommand &sub : everySubcommand()) {
            if (sub.writes)
                continue;
            const CliRun run = runCli(db(file) + sub.args);
            OT_CLI_FAILS(run, 4, "storage", "is empty");
            FILE_UNTOUCHED(before, file);
        }
        const CliRun rebuild = runCli(db(file) + QByteArrayList{"rebuild-projections"});
        OT_CLI_FAILS(rebuild, 4, "storage", "is empty");
        CORE_STORAGE_ERROR(Database::open(DatabaseUrl::sqlite(file), OpenMode::ExistingOnly),
                           "is empty");
        FILE_UNTOUCHED(before, file);

        const CliRun created = runCli(
            db(file) + QByteArrayList{"command", "ORD-1",
                                      R"({"type":"CreateOrder","data":{"customerId":"C"}})"});
        OT_CLI_OK(created);
        const CliRun verify = runCli(db(file) + QByteArrayList{"verify"});
        OT_CLI_OK(verify);
        QCOMPARE(verify.object().value(QStringLiteral("eventsChecked")).toInteger(), 1);
    }

    // ---- read-only file and folder -----------------------------------------------------------

    // A file nobody may write (the folder may be written): reading works, every write is a
    // clear error, the file keeps its bytes. As root the child and the test's own thread drop
    // the capabilities that would override the permissions.
    void readOnlyFile() {
        sqliteOnly();
        const QString file = path(QStringLiteral("orders.sqlite"));
        makeDatabase(file);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(
            QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(backdate(file));
        const FileState before = FileState::of(file);
        QVERIFY2(!childCan(R"(: >> "$0")", file, meetFilePermissions),
                 "a child may still write the read-only file: the test would not exercise the "
                 "read-only path");
        const CliOptions restricted{{}, meetFilePermissions};

        const CliRun show = runCli(db(file) + QByteArrayList{"show", "ORD-1"}, restricted);
        OT_CLI_OK(show);
        QCOMPARE(show.object().value(QStringLiteral("total")), QJsonValue(QStringLiteral("19.98")));
        for (const Subcommand &sub : everySubcommand()) {
            if (!sub.writes)
                continue;
            const CliRun run = runCli(db(file) + sub.args, restricted);
            OT_CLI_FAILS(run, 4, "storage", "read-only");
            QVERIFY2(run.errorMessage().contains(QStringLiteral("-wal and -shm")),
                     run.describe().constData());
        }
        QCOMPARE(FileState::of(file).sha256, before.sha256);
        QCOMPARE(FileState::of(file).modified, before.modified);

        {
            const FilePermissionsApply asAUser;
            QFile probe(file);
            QVERIFY2(!probe.open(QIODevice::WriteOnly | QIODevice::Append),
                     "the test's thread may still write the read-only file");
            auto orders = OrderService::open(DatabaseUrl::sqlite(file), OpenMode::ExistingOnly);
            OT_REQUIRE(orders);
            OT_REQUIRE(orders.value()->order(QStringLiteral("ORD-1")));
            auto parsed = OrderService::parseCommand(
                OrderAggregate::Type, QStringLiteral("ORD-1"), R"({"type":"ConfirmOrder"})",
                QStringLiteral("tester"), IdGenerator::system());
            OT_REQUIRE(parsed);
            CORE_STORAGE_ERROR(orders.value()->execute(parsed.value()), "read-only");
        }
        QCOMPARE(FileState::of(file).sha256, before.sha256);
        QCOMPARE(FileState::of(file).modified, before.modified);

        // The refusals were the permissions': with them back the same command goes through.
        // A reader leaves the -wal and -shm files as read-only as the file; the message names
        // them.
        for (const QString &name : QDir(m_dir->path()).entryList(QDir::Files))
            QVERIFY(QFile::setPermissions(path(name), QFile::ReadOwner | QFile::WriteOwner));
        const CliRun confirmed =
            runCli(db(file) + QByteArrayList{"command", "ORD-1", R"({"type":"ConfirmOrder"})"},
                   restricted);
        OT_CLI_OK(confirmed);
    }

    // A folder nobody may write: SQLite cannot make the -wal and -shm files a WAL database
    // needs beside the file, so even reading is refused, clearly, and nothing changes.
    void readOnlyFolder() {
        sqliteOnly();
        const QString folder = path(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(folder));
        const QString file = folder + QStringLiteral("/orders.sqlite");
        makeDatabase(file);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(backdate(file));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner |
                                                  QFile::ReadGroup | QFile::ExeGroup |
                                                  QFile::ReadOther | QFile::ExeOther));
        const FileState before = FileState::of(file);
        QVERIFY2(!childCan(R"(: > "$0/probe")", folder, meetFilePermissions),
                 "a child may still write in the read-only folder: the test would not exercise "
                 "the read-only path");
        const CliOptions restricted{{}, meetFilePermissions};

        for (const Subcommand &sub : everySubcommand()) {
            const CliRun run = runCli(db(file) + sub.args, restricted);
            OT_CLI_FAILS(run, 4, "storage", "read-only");
            FILE_UNTOUCHED(before, file);
        }
        const QString another = folder + QStringLiteral("/new.sqlite");
        const CliRun create = runCli(
            db(another) + QByteArrayList{"command", "ORD-1",
                                         R"({"type":"CreateOrder","data":{"customerId":"C"}})"},
            restricted);
        OT_CLI_FAILS(create, 4, "storage", "writable");
        {
            const FilePermissionsApply asAUser;
            CORE_STORAGE_ERROR(Database::open(DatabaseUrl::sqlite(file), OpenMode::ExistingOnly),
                               "read-only");
            CORE_STORAGE_ERROR(
                Database::open(DatabaseUrl::sqlite(another), OpenMode::CreateIfMissing),
                "writable");
        }
        FILE_UNTOUCHED(before, file);

        QVERIFY(
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const CliRun show = runCli(db(file) + QByteArrayList{"show", "ORD-1"}, restricted);
        OT_CLI_OK(show);
    }

    // ---- a newer schema ------------------------------------------------------------------------

    // Written by a newer OrderTrail: every subcommand and every open mode refuses it, saying
    // so, and writes nothing (test_cli and test_store check a command and Initialize).
    void newerSchemaIsRefusedAndUntouched() {
        const DatabaseUrl url = m_backend.freshDatabase();
        {
            auto orders = OrderService::open(url, OpenMode::ExistingOnly);
            OT_REQUIRE(orders);
            auto parsed =
                OrderService::parseCommand(OrderAggregate::Type, QStringLiteral("ORD-1"),
                                           R"({"type":"CreateOrder","data":{"customerId":"C-1"}})",
                                           QStringLiteral("tester"), IdGenerator::system());
            OT_REQUIRE(parsed);
            OT_REQUIRE(orders.value()->execute(parsed.value()));
        }
        const QString fingerprintSql =
            m_backend.isPostgres()
                ? QStringLiteral("SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = "
                                 "'public'::regnamespace) || ' ' || (SELECT string_agg(hash, ',' "
                                 "ORDER BY position) FROM events) || ' ' || (SELECT value FROM "
                                 "ordertrail_meta WHERE key = 'schema_version')")
                : QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = "
                                 "'schema_version'");
        QString fingerprint;
        {
            RawConnection raw(url);
            QVERIFY(!raw.exec(QStringLiteral("UPDATE ordertrail_meta SET value = '99' WHERE key "
                                             "= 'schema_version'"))
                         .isValid());
            if (!m_backend.isPostgres())
                raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            fingerprint = raw.value(fingerprintSql).toString();
        }
        std::optional<FileState> before;
        if (!m_backend.isPostgres()) {
            QVERIFY(backdate(url.path));
            before = FileState::of(url.path);
        }

        QList<QByteArrayList> subcommands;
        for (const Subcommand &sub : everySubcommand())
            subcommands << sub.args;
        subcommands << QByteArrayList{"admin", "init"};
        for (const QByteArrayList &args : subcommands) {
            const CliRun run = runCli(db(url) + args);
            OT_CLI_FAILS(run, 4, "storage", "newer");
            QVERIFY2(run.errorMessage().contains(QStringLiteral("upgrade")),
                     run.describe().constData());
        }
        for (const OpenMode mode : EveryMode)
            CORE_STORAGE_ERROR(Database::open(url, mode), "newer");

        if (before)
            FILE_UNTOUCHED(*before, url.path);
        RawConnection raw(url);
        QCOMPARE(raw.value(fingerprintSql).toString(), fingerprint);
    }

    // ---- a full disk ---------------------------------------------------------------------------

    void fullDisk_data() {
        QTest::addColumn<bool>("tmpfs");
        QTest::addColumn<QString>("fragment");
        // The real thing: a file system that has no room left (ENOSPC). Needs the right to
        // mount, in a mount namespace of the test's own.
        QTest::newRow("a full file system") << true << QStringLiteral("disk is full");
        // Everywhere: a file size limit in the writer (RLIMIT_FSIZE; SIGXFSZ ignored, so a
        // write past it fails with EFBIG), which SQLite meets as a failed write.
        QTest::newRow("a file size limit") << false << QStringLiteral("free space");
    }

    // A command that runs out of room half-way, then a run of commands that does: each is a
    // clear error, nothing of the failed command is kept, every earlier event is as it was, and
    // once there is room again the database checks out and takes commands.
    void fullDisk() {
        sqliteOnly();
        QFETCH(bool, tmpfs);
        QFETCH(QString, fragment);
        const QString folder = path(QStringLiteral("disk"));
        QVERIFY(QDir().mkpath(folder));
        if (tmpfs) {
            if (::unshare(CLONE_NEWNS) != 0 ||
                ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
                ::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs",
                        MS_NOSUID | MS_NODEV, "size=4m") != 0)
                QSKIP(qPrintable(QStringLiteral("cannot mount a small tmpfs here (%1); the file "
                                                "size limit row makes writes fail instead")
                                     .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        }
        const auto unmount = qScopeGuard([&] {
            if (tmpfs)
                ::umount2(QFile::encodeName(folder).constData(), MNT_DETACH);
        });
        const QString file = folder + QStringLiteral("/orders.sqlite");
        const QString filler = folder + QStringLiteral("/filler");

        const CliRun demo = runCli(db(file) + QByteArrayList{"demo-data", "5", "--seed", "3"});
        OT_CLI_OK(demo);
        const CliRun eventsBefore = runCli(db(file) + QByteArrayList{"events"});
        QVERIFY2(eventsBefore.finished && eventsBefore.exitCode == 0,
                 eventsBefore.describe().constData());
        const CliRun ordersBefore = runCli(db(file) + QByteArrayList{"orders"});
        OT_CLI_OK(ordersBefore);

        // Room for `bytes` more: on the tmpfs everything else is filled, elsewhere every file the
        // writer writes may grow to that size.
        CliOptions limited;
        const auto leaveRoom = [&](qint64 bytes) {
            if (!tmpfs) {
                limited.inChild = [bytes] {
                    ::signal(SIGXFSZ, SIG_IGN);
                    const rlimit limit{rlim_t(bytes), rlim_t(bytes)};
                    ::setrlimit(RLIMIT_FSIZE, &limit);
                };
                return true;
            }
            QFile fill(filler);
            if (!fill.open(QIODevice::ReadWrite | QIODevice::Append))
                return false;
            const QByteArray chunk(64 * 1024, 'f');
            bool room = true;
            while (room)
                room = fill.write(chunk) == chunk.size() && fill.flush();
            fill.close();
            return QFile::resize(filler, std::max<qint64>(0, QFileInfo(filler).size() - bytes));
        };

        // One command: room for the -shm file (32 KiB) and a page, not for the command.
        QVERIFY(leaveRoom(36 * 1024));
        const CliRun single = runCli(
            db(file) + QByteArrayList{"command", "ORD-NEW",
                                      R"({"type":"CreateOrder","data":{"customerId":"C-NEW"}})"},
            limited);
        OT_CLI_FAILS(single, 4, "storage", fragment);

        // Many commands: the room runs out after some of them.
        QVERIFY(leaveRoom(600 * 1024));
        const CliRun many =
            runCli(db(file) + QByteArrayList{"demo-data", "100", "--seed", "9"}, limited);
        OT_CLI_FAILS(many, 4, "storage", fragment);

        // Room again.
        if (tmpfs)
            QVERIFY(QFile::remove(filler));
        const CliRun eventsAfter = runCli(db(file) + QByteArrayList{"events"});
        QVERIFY2(eventsAfter.finished && eventsAfter.exitCode == 0,
                 eventsAfter.describe().constData());
        QVERIFY2(eventsAfter.out.startsWith(eventsBefore.out), "an earlier event changed");
        const CliRun missing = runCli(db(file) + QByteArrayList{"show", "ORD-NEW"});
        OT_CLI_FAILS(missing, 1, "not_found", "ORD-NEW");
        const CliRun verify = runCli(db(file) + QByteArrayList{"verify"});
        OT_CLI_OK(verify);
        QCOMPARE(verify.object().value(QStringLiteral("intact")), QJsonValue(true));
        QCOMPARE(verify.object().value(QStringLiteral("eventsChecked")).toInteger(),
                 eventsAfter.out.count('\n'));
        {
            RawConnection raw(DatabaseUrl::sqlite(file));
            QCOMPARE(raw.value(QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
        }
        // Each order the run made before the room ran out is whole: the read model written with
        // its commands equals one rebuilt from the events, and the earlier orders are as they
        // were.
        const CliRun ordersAfter = runCli(db(file) + QByteArrayList{"orders"});
        OT_CLI_OK(ordersAfter);
        for (const QJsonValue &order : ordersBefore.orders())
            QVERIFY(ordersAfter.orders().contains(order));
        const CliRun rebuilt = runCli(db(file) + QByteArrayList{"rebuild-projections"});
        OT_CLI_OK(rebuilt);
        const CliRun ordersRebuilt = runCli(db(file) + QByteArrayList{"orders"});
        OT_CLI_OK(ordersRebuilt);
        QCOMPARE(ordersRebuilt.out, ordersAfter.out);

        const CliRun retried = runCli(
            db(file) + QByteArrayList{"command", "ORD-NEW",
                                      R"({"type":"CreateOrder","data":{"customerId":"C-NEW"}})"});
        OT_CLI_OK(retried);
    }

    // ---- the umask ------------------------------------------------------------------------------

    void writerMakesPrivateFilesWhateverTheUmask_data() { addUmaskRows(); }

    // The default database, made by a writer in a data folder that does not exist yet: the
    // folders made for it are 0700, and the file and the -wal and -shm files SQLite makes beside
    // it are 0600, checked while the writer has them open. A folder that was there keeps its
    // permissions.
    void writerMakesPrivateFilesWhateverTheUmask() {
        sqliteOnly();
        QFETCH(mode_t, umask);
        const QString above = path(QStringLiteral("xdg"));
        QVERIFY(QDir().mkpath(above));
        const QFile::Permissions open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                        QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                        QFile::ExeOther;
        QVERIFY(QFile::setPermissions(above, open));
        const QString dataHome = above + QStringLiteral("/data");
        const QString folder = dataHome + QStringLiteral("/OrderTrail");
        const QString file = folder + QStringLiteral("/ordertrail.sqlite");

        QProcess batch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORDERTRAIL_DB"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        batch.setProcessEnvironment(env);
        batch.setChildProcessModifier(withUmask(umask));
        batch.start(QStringLiteral(OT_CLI_PATH), {QStringLiteral("batch")});
        const auto stop = qScopeGuard([&] {
            batch.kill();
            batch.waitForFinished();
        });
        QVERIFY2(batch.waitForStarted(), qPrintable(batch.errorString()));
        batch.write(R"({"orderId":"ORD-1","type":"CreateOrder","data":{"customerId":"C-1"}})"
                    "\n");
        while (!batch.canReadLine() && batch.waitForReadyRead(30000)) {
        }
        const QByteArray answer = batch.readLine();
        QVERIFY2(answer.startsWith(R"({"events":)"),
                 QByteArray(answer + batch.readAllStandardError()).constData());

        QCOMPARE(modeOf(above), QStringLiteral("755"));
        QCOMPARE(modeOf(dataHome), QStringLiteral("700"));
        QCOMPARE(modeOf(folder), QStringLiteral("700"));
        QCOMPARE(modeOf(file), QStringLiteral("600"));
        QCOMPARE(modeOf(file + QStringLiteral("-wal")), QStringLiteral("600"));
        QCOMPARE(modeOf(file + QStringLiteral("-shm")), QStringLiteral("600"));

        batch.closeWriteChannel();
        QVERIFY(batch.waitForFinished(30000));
        QCOMPARE(batch.exitCode(), 0);
    }

    // A file the user made (empty, so a writer makes it a database) keeps the permissions they
    // gave it, as do the -wal and -shm files SQLite makes beside it; a reader creates nothing.
    void existingDatabaseKeepsItsPermissions() {
        sqliteOnly();
        const QString file = path(QStringLiteral("shared.sqlite"));
        QVERIFY(writeFile(file, {}));
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner |
                                                QFile::ReadGroup | QFile::WriteGroup));
        const CliRun created =
            runCli(db(file) + QByteArrayList{"command", "ORD-1",
                                             R"({"type":"CreateOrder","data":{"customerId":"C"}})"},
                   CliOptions{{}, withUmask(0)});
        OT_CLI_OK(created);
        QCOMPARE(modeOf(file), QStringLiteral("660"));

        const QString missing = path(QStringLiteral("missing.sqlite"));
        const CliRun read = runCli(db(missing) + QByteArrayList{"orders"});
        OT_CLI_FAILS(read, 4, "storage", "no database");
        QVERIFY(!QFileInfo::exists(missing));
    }

    void exportIsPrivateWhateverTheUmask_data() { addUmaskRows(); }

    // A new export file is 0600; a file it replaces keeps the permissions it had.
    void exportIsPrivateWhateverTheUmask() {
        QFETCH(mode_t, umask);
        const DatabaseUrl url = m_backend.freshDatabase();
        const CliRun created =
            runCli(db(url) + QByteArrayList{"command", "ORD-1",
                                            R"({"type":"CreateOrder","data":{"customerId":"C"}})"});
        OT_CLI_OK(created);
        const CliOptions masked{{}, withUmask(umask)};
        const QString out = path(QStringLiteral("events.csv"));

        const CliRun exported =
            runCli(db(url) + QByteArrayList{"export", "--out", QFile::encodeName(out)}, masked);
        OT_CLI_OK(exported);
        QCOMPARE(exported.object().value(QStringLiteral("exported")).toInteger(), 1);
        QCOMPARE(modeOf(out), QStringLiteral("600"));

        QVERIFY(QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                               QFile::ReadOther));
        const CliRun replaced =
            runCli(db(url) + QByteArrayList{"export", "--out", QFile::encodeName(out)}, masked);
        OT_CLI_OK(replaced);
        QCOMPARE(modeOf(out), QStringLiteral("644"));
        QFile csv(out);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("ORD-1"));
    }

    // ---- an unreachable PostgreSQL -----------------------------------------------------------

    // A lock another session holds stops a command only as long as lock_timeout: it fails with
    // `storage`, says why, and writes nothing. The URL carries the timeout, as --db and the
    // desk's remembered databases do.
    void lockHeldElsewhereFailsInBoundedTime() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: SQLite's busy timeout is test_multiuser's");
        DatabaseUrl url = m_backend.freshDatabase();
        OT_CLI_OK(runCli(db(url) +
                         QByteArrayList{"command", "L-1",
                                        R"({"type":"CreateOrder","data":{"customerId":"C"}})"}));
        RawConnection other(url);
        QVERIFY(!other.exec(QStringLiteral("BEGIN")).isValid());
        QVERIFY(!other.exec(QStringLiteral("LOCK TABLE order_summaries IN ACCESS EXCLUSIVE MODE"))
                     .isValid());
        url.timeouts.lock = QStringLiteral("1s");
        const CliRun run = runCli(
            db(url) +
            QByteArrayList{
                "command", "L-1",
                R"({"type":"AddItem","data":{"productId":"P","name":"Mug","quantity":1,"price":"2.50"}})"});
        OT_CLI_FAILS(run, 4, "storage", "lock_timeout");
        QVERIFY2(run.elapsedMs < 8000, run.describe().constData());
        QVERIFY(!other.exec(QStringLiteral("ROLLBACK")).isValid());
        QCOMPARE(other.value(QStringLiteral("SELECT count(*) FROM events")).toInt(), 1);
    }

    void timeoutsInTheUrl_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("refusal"); // empty: accepted, and read back the same
        QTest::newRow("all three")
            << QStringLiteral("postgresql://u@h:5432/d?statement_timeout=2min&lock_timeout=500ms&"
                              "idle_in_transaction_session_timeout=0")
            << QString();
        QTest::newRow("plain number")
            << QStringLiteral("postgresql://u@h:5432/d?lock_timeout=250") << QString();
        QTest::newRow("unknown parameter")
            << QStringLiteral("postgresql://u@h/d?sslmode=disable") << QStringLiteral("sslmode");
        QTest::newRow("not a duration")
            << QStringLiteral("postgresql://u@h/d?lock_timeout=1s';DROP")
            << QStringLiteral("duration");
        QTest::newRow("negative") << QStringLiteral("postgresql://u@h/d?lock_timeout=-1")
                                  << QStringLiteral("duration");
        QTest::newRow("unit only")
            << QStringLiteral("postgresql://u@h/d?lock_timeout=s") << QStringLiteral("duration");
    }

    void timeoutsInTheUrl() {
        QFETCH(QString, url);
        QFETCH(QString, refusal);
        const auto parsed = DatabaseUrl::parse(url);
        if (!refusal.isEmpty()) {
            QVERIFY(!parsed.ok());
            QVERIFY2(parsed.error().message.contains(refusal), qPrintable(parsed.error().message));
            return;
        }
        OT_REQUIRE(parsed);
        QCOMPARE(parsed.value().toString(), url);
    }

    void unreachablePostgres_data() {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("a closed port") << QStringLiteral("port") << QStringLiteral("refused");
        QTest::newRow("an unknown host")
            << QStringLiteral("host") << QStringLiteral("nonexistent.invalid");
        QTest::newRow("a wrong password")
            << QStringLiteral("password") << QStringLiteral("password authentication failed");
        QTest::newRow("no password")
            << QStringLiteral("no password") << QStringLiteral("no password supplied");
        QTest::newRow("a missing database")
            << QStringLiteral("database") << QStringLiteral("does not exist");
    }

    // Each is one clear line within the 5 s connect timeout, names the problem, never shows a
    // password; nothing is created anywhere.
    void unreachablePostgres() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: the postgresql run covers this");
        QFETCH(QString, problem);
        QFETCH(QString, fragment);
        auto parsed = DatabaseUrl::parse(qEnvironmentVariable("ORDERTRAIL_TEST_PG"));
        OT_REQUIRE(parsed);
        DatabaseUrl url = parsed.value();
        const QString password = QStringLiteral("not-the-password-8e1f");
        if (problem == QLatin1String("port"))
            url.port = closedPort();
        else if (problem == QLatin1String("host"))
            url.host = QStringLiteral("nonexistent.invalid");
        else if (problem == QLatin1String("password"))
            url.password = password;
        else if (problem == QLatin1String("no password"))
            url.password.clear();
        else
            url.database = QStringLiteral("ordertrail_missing_database");

        // libpq would look for a password missing from the URL in these.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PGPASSWORD"));
        env.insert(QStringLiteral("PGPASSFILE"), path(QStringLiteral("no-pgpass")));
        const QByteArray savedPassword = qgetenv("PGPASSWORD");
        const QByteArray savedFile = qgetenv("PGPASSFILE");
        qunsetenv("PGPASSWORD");
        qputenv("PGPASSFILE", QFile::encodeName(path(QStringLiteral("no-pgpass"))));
        const auto restore = qScopeGuard([&] {
            if (!savedPassword.isNull())
                qputenv("PGPASSWORD", savedPassword);
            if (savedFile.isNull())
                qunsetenv("PGPASSFILE");
            else
                qputenv("PGPASSFILE", savedFile);
        });

        const CliOptions options{{}, {}, env, 30000};
        for (const QByteArrayList &args :
             {QByteArrayList{"orders"},
              QByteArrayList{"command", "ORD-1",
                             R"({"type":"CreateOrder","data":{"customerId":"C"}})"}}) {
            const CliRun run = runCli(db(url) + args, options);
            OT_CLI_FAILS(run, 4, "storage", fragment);
            QVERIFY2(!run.out.contains(password.toUtf8()), run.describe().constData());
            QVERIFY2(run.elapsedMs < 10000, run.describe().constData());
        }
        for (const OpenMode mode : EveryMode) {
            auto opened = Database::open(url, mode);
            CORE_STORAGE_ERROR(opened, fragment);
            QVERIFY(!opened.error().message.contains(password));
        }
    }
};

QTEST_GUILESS_MAIN(TestEnvironment)
#include "test_environment.moc"
