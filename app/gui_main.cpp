#include "Localization.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

namespace {

QCommandLineOption addOptions(QCommandLineParser &parser) {
    parser.setApplicationDescription(
        QCoreApplication::translate("ordertrail", "OrderTrail: event-sourced order management."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption db(
        QStringLiteral("db"),
        QCoreApplication::translate(
            "ordertrail",
            "Database URL: sqlite:PATH or postgresql://user@host[:port]/database. Default: "
            "$ORDERTRAIL_DB, else the file in your data folder."),
        QStringLiteral("URL"));
    parser.addOption(db);
    return db;
}

// --help and --version need no display, but QApplication aborts when it finds none (a
// terminal over ssh, a package's test). Whether they were asked for is decided by the same
// parser, before any window system is touched; errors (Qt's own options such as -platform)
// are left for QApplication and the full parse.
bool asksForHelpOrVersion(int argc, char *argv[]) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    addOptions(parser);
    parser.parse(arguments);
    return parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"));
}

int answerWithoutDisplay(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    ot::setApplicationIdentity();
    ot::installTranslations(app);
    QCommandLineParser parser;
    addOptions(parser);
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion(); // exits
    parser.showHelp();        // exits
}

} // namespace

int main(int argc, char *argv[]) {
    if (asksForHelpOrVersion(argc, argv))
        return answerWithoutDisplay(argc, argv);

    QApplication app(argc, argv);
    ot::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OrderTrail"));
    // The desktop entry's and icon's name (packaging/), so the desktop matches the window to it.
    QApplication::setDesktopFileName(QStringLiteral(OT_APP_ID));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral(OT_APP_ID), QIcon(QStringLiteral(":/ordertrail.svg"))));
    ot::installTranslations(app);

    QCommandLineParser parser;
    const QCommandLineOption dbOption = addOptions(parser);
    parser.process(app);

    const bool chosen = parser.isSet(dbOption) || !qEnvironmentVariableIsEmpty("ORDERTRAIL_DB");
    auto url = parser.isSet(dbOption) ? ot::DatabaseUrl::parse(parser.value(dbOption))
                                      : ot::DatabaseUrl::fromEnvironment();
    if (!url) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("ordertrail", "OrderTrail"),
                              url.error().message);
        return 2;
    }
    if (!chosen) { // the first start: the data folder may not exist yet
        if (auto made = ot::DatabaseUrl::createDefaultFolder(); !made) {
            QMessageBox::critical(nullptr, QCoreApplication::translate("ordertrail", "OrderTrail"),
                                  made.error().message);
            return 1;
        }
    }

    ot::MainWindow window(url.value());
    window.show();
    return app.exec();
}
