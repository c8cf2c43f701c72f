#pragma once

// ordertrail-cli as users and scripts meet it: the real executable (OT_CLI_PATH) in a child
// process, with arguments given as bytes, standard input, and what it printed and returned.

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <functional>

namespace ot::test {

struct CliRun {
    bool finished = false; // false: it did not start, did not finish in time or crashed
    QString failure;       // why it did not finish
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QJsonObject object() const { return json().object(); }
    // A listing's list, in the object that names it: {"events":[...]}, {"orders":[...]}.
    QJsonArray events() const { return object().value(QStringLiteral("events")).toArray(); }
    QJsonArray orders() const { return object().value(QStringLiteral("orders")).toArray(); }
    QString errorCode() const { return object().value(QStringLiteral("code")).toString(); }
    QString errorMessage() const { return object().value(QStringLiteral("error")).toString(); }
    QByteArray describe() const {
        return (finished ? QByteArray() : failure.toUtf8() + "; ") + "exit " +
               QByteArray::number(exitCode) + ", stdout: " + out.left(2000) +
               ", stderr: " + err.left(2000);
    }
};

struct CliOptions {
    QByteArray input;                     // written to standard input, which is then closed
    std::function<void()> inChild;        // runs in the child between fork and exec
    QProcessEnvironment environment = {}; // the test's own when empty
    int timeoutMs = 60000;
};

// ordertrail-cli started with `arguments`; finish() waits for it. QProcess passes arguments as
// text, so a run with an argument that is not UTF-8 goes through bash, which writes those
// bytes from $'\xHH' quotes.
class CliProcess {
public:
    CliProcess(const QByteArrayList &arguments, const CliOptions &options = {})
        : m_timeoutMs(options.timeoutMs) {
        QStringList args;
        bool raw = false;
        for (const QByteArray &argument : arguments) {
            raw = raw || !argument.isValidUtf8();
            args.append(QString::fromUtf8(argument));
        }
        if (raw) {
            QByteArray script = "exec \"$0\"";
            for (const QByteArray &argument : arguments) {
                script += " $'";
                for (const char c : argument)
                    script += "\\x" + QByteArray(1, c).toHex();
                script += '\'';
            }
            m_process.setProgram(QStringLiteral("/bin/bash"));
            m_process.setArguments(
                {QStringLiteral("-c"), QString::fromLatin1(script), QStringLiteral(OT_CLI_PATH)});
        } else {
            m_process.setProgram(QStringLiteral(OT_CLI_PATH));
            m_process.setArguments(args);
        }
        QProcessEnvironment env = options.environment.isEmpty()
                                      ? QProcessEnvironment::systemEnvironment()
                                      : options.environment;
        env.remove(QStringLiteral("ORDERTRAIL_DB"));
        m_process.setProcessEnvironment(env);
        if (options.inChild)
            m_process.setChildProcessModifier(options.inChild);
        m_timer.start();
        m_process.start();
        if (m_process.waitForStarted(m_timeoutMs)) {
            m_process.write(options.input);
            m_process.closeWriteChannel();
        }
    }

    CliRun finish() {
        CliRun run;
        if (m_process.state() == QProcess::NotRunning &&
            m_process.error() == QProcess::FailedToStart) {
            run.failure =
                QStringLiteral("could not start ordertrail-cli: %1").arg(m_process.errorString());
            return run;
        }
        const bool done = m_process.waitForFinished(m_timeoutMs);
        if (!done) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        run.elapsedMs = m_timer.elapsed();
        run.out = m_process.readAllStandardOutput();
        run.err = m_process.readAllStandardError();
        if (!done) {
            run.failure = QStringLiteral("did not finish within %1 s").arg(m_timeoutMs / 1000);
        } else if (m_process.exitStatus() != QProcess::NormalExit) {
            run.failure = QStringLiteral("crashed");
        } else {
            run.finished = true;
            run.exitCode = m_process.exitCode();
        }
        return run;
    }

private:
    QProcess m_process;
    QElapsedTimer m_timer;
    int m_timeoutMs;
};

inline CliRun runCli(const QByteArrayList &arguments, const CliOptions &options = {}) {
    return CliProcess(arguments, options).finish();
}

inline QString asText(const char *utf8) {
    return QString::fromUtf8(utf8);
}
inline const QString &asText(const QString &text) {
    return text;
}

// Text that Qt's SQL drivers, SQLite or libpq write, which a user should never be shown raw.
inline bool looksLikeRawDriverMessage(const QString &message) {
    static const QRegularExpression raw(
        QStringLiteral("QSQLITE|QPSQL|QSql|driver not loaded|Unable to (fetch|execute|connect|"
                       "begin|commit|bind)|Parameter count mismatch|near \"|syntax error|"
                       "SQLSTATE|no such (table|column)|SQL logic error|constraint failed"),
        QRegularExpression::CaseInsensitiveOption);
    return raw.match(message).hasMatch();
}

} // namespace ot::test

// Asserts a failure as the CLI documents it: one line {"error","code"} on standard output, the
// exit code of that code, a message that names the problem (`fragment`, ignoring case), is
// short and is the program's own words, and nothing on standard error.
#define OT_CLI_FAILS(run, exit, code, fragment)                                                    \
    do {                                                                                           \
        const ot::test::CliRun &r_ = (run);                                                        \
        QVERIFY2(r_.finished, r_.describe().constData());                                          \
        QVERIFY2(r_.out.endsWith('\n') && r_.out.count('\n') == 1, r_.describe().constData());     \
        QVERIFY2(r_.object().keys() ==                                                             \
                     QStringList({QStringLiteral("code"), QStringLiteral("error")}),               \
                 r_.describe().constData());                                                       \
        QVERIFY2(r_.errorCode() == ot::test::asText(code), r_.describe().constData());             \
        QVERIFY2(r_.exitCode == (exit), r_.describe().constData());                                \
        QVERIFY2(                                                                                  \
            r_.errorMessage().contains(ot::test::asText(fragment), Qt::CaseInsensitive),           \
            qPrintable(QStringLiteral("the message does not name \"%1\": %2")                      \
                           .arg(ot::test::asText(fragment), QString::fromUtf8(r_.describe()))));   \
        QVERIFY2(r_.errorMessage().size() < 600, r_.describe().constData());                       \
        QVERIFY2(!ot::test::looksLikeRawDriverMessage(r_.errorMessage()),                          \
                 r_.describe().constData());                                                       \
        QVERIFY2(r_.err.isEmpty(), r_.describe().constData());                                     \
    } while (false)

// Asserts a successful run.
#define OT_CLI_OK(run)                                                                             \
    do {                                                                                           \
        const ot::test::CliRun &r_ = (run);                                                        \
        QVERIFY2(r_.finished &&r_.exitCode == 0, r_.describe().constData());                       \
        QVERIFY2(!r_.json().isNull(), r_.describe().constData());                                  \
    } while (false)
