#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OrderTrail")); // QSettings' folder
    QApplication::setApplicationName(QStringLiteral("OrderTrail"));
    QApplication::setApplicationDisplayName(QStringLiteral("OrderTrail"));
    QApplication::setApplicationVersion(QStringLiteral(OT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("ordertrail"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/ordertrail.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("OrderTrail: event-sourced order management."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QObject::tr("Database URL: sqlite:PATH or postgresql://user@host[:port]/database."),
        QStringLiteral("URL"));
    parser.addOption(dbOption);
    parser.process(app);

    const bool chosen = parser.isSet(dbOption) || !qEnvironmentVariableIsEmpty("ORDERTRAIL_DB");
    auto url = parser.isSet(dbOption) ? ot::DatabaseUrl::parse(parser.value(dbOption))
                                      : ot::DatabaseUrl::fromEnvironment();
    if (!url) {
        QMessageBox::critical(nullptr, QObject::tr("OrderTrail"), url.error().message);
        return 2;
    }
    if (!chosen) // the first start: the data folder may not exist yet
        QDir().mkpath(QFileInfo(url->path).absolutePath());

    ot::MainWindow window(url.value());
    window.show();
    return app.exec();
}
