#include "MainWindow.h"
#include "service/OrderService.h"
#include "storage/ChangeFeed.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("OrderTrail"));
    QApplication::setApplicationDisplayName(QStringLiteral("OrderTrail"));
    QApplication::setApplicationVersion(QStringLiteral(OT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("OrderTrail: event-sourced order management."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QObject::tr("Database URL: sqlite:PATH."), QStringLiteral("URL"));
    parser.addOption(dbOption);
    parser.process(app);

    const auto showError = [](const QString &message) {
        QMessageBox::critical(nullptr, QObject::tr("OrderTrail"),
                              QObject::tr("Cannot open the database.\n\n%1").arg(message));
        return 1;
    };
    const bool chosen = parser.isSet(dbOption) || !qEnvironmentVariableIsEmpty("ORDERTRAIL_DB");
    auto url = parser.isSet(dbOption) ? ot::DatabaseUrl::parse(parser.value(dbOption))
                                      : ot::DatabaseUrl::fromEnvironment();
    if (!url)
        return showError(url.error().message);
    if (!chosen)
        QDir().mkpath(QFileInfo(url->path).absolutePath());
    auto service = ot::OrderService::open(url.value(), ot::OpenMode::CreateIfMissing);
    if (!service)
        return showError(service.error().message);
    ot::MainWindow window(*service.value());
    // Commits by other windows, processes or users show up without a restart.
    auto feed = ot::ChangeFeed::open(url.value());
    if (feed)
        QObject::connect(feed->get(), &ot::ChangeFeed::changed, &window, &ot::MainWindow::refresh);
    else
        window.statusBar()->showMessage(
            QObject::tr("Live updates are unavailable: %1").arg(feed.error().message));
    window.show();
    return app.exec();
}
