#include "MainWindow.h"
#include "service/OrderService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

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
    window.show();
    return app.exec();
}
