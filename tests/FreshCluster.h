#pragma once

#include "TestSupport.h"

#include <QDir>
#include <QProcess>

namespace ot::test {

// A PostgreSQL cluster of its own (tools/pg-test-cluster.sh), stopped and removed at the end:
// its transaction counter starts where a fresh cluster's does.
class FreshCluster {
public:
    FreshCluster() {
        QProcess start;
        start.start(QStringLiteral("bash"),
                    {QStringLiteral(OT_SOURCE_DIR "/tools/pg-test-cluster.sh"),
                     QStringLiteral("start"), m_dir});
        if (!start.waitForFinished(120000) || start.exitCode() != 0)
            qFatal("cannot start a cluster: %s", start.readAllStandardError().constData());
        auto url = DatabaseUrl::parse(QString::fromUtf8(start.readAllStandardOutput()).trimmed());
        if (!url)
            qFatal("the cluster's URL: %s", qPrintable(url.error().message));
        m_url = url.value();
    }
    ~FreshCluster() {
        QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral(OT_SOURCE_DIR "/tools/pg-test-cluster.sh"),
                           QStringLiteral("stop"), m_dir});
    }

    // Stops the server, cutting every connection, and starts it again on the same port.
    void restart() {
        QProcess restart;
        restart.start(QStringLiteral("bash"),
                      {QStringLiteral(OT_SOURCE_DIR "/tools/pg-test-cluster.sh"),
                       QStringLiteral("restart"), m_dir});
        if (!restart.waitForFinished(120000) || restart.exitCode() != 0)
            qFatal("cannot restart the cluster: %s", restart.readAllStandardError().constData());
    }
    FreshCluster(const FreshCluster &) = delete;
    FreshCluster &operator=(const FreshCluster &) = delete;

    DatabaseUrl emptyDatabase(const QString &name) {
        RawConnection admin(m_url);
        if (admin.exec(QStringLiteral("CREATE DATABASE ") % name).isValid())
            qFatal("cannot create %s", qPrintable(name));
        DatabaseUrl url = m_url;
        url.database = name;
        return url;
    }

private:
    QString m_dir = QDir::tempPath() % QStringLiteral("/ordertrail-restore-") %
                    QString::number(QCoreApplication::applicationPid());
    DatabaseUrl m_url;
};

} // namespace ot::test
