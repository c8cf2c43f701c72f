#include "Cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ordertrail-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OT_VERSION));
    return ot::cli::run(argc, argv);
}
