#include "Localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace ot {

void setApplicationIdentity() {
    // Organisation and application name make QSettings use ~/.config/OrderTrail/OrderTrail.conf.
    // The database's data folder is core's (DatabaseUrl) and does not depend on these.
    QCoreApplication::setOrganizationName(QStringLiteral("OrderTrail"));
    QCoreApplication::setApplicationName(QStringLiteral("OrderTrail"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OT_VERSION));
}

bool installTranslations(QCoreApplication &app, const QLocale &locale) {
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("ordertrail"), QStringLiteral("_"),
                  QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        return true;
    }
    delete own;
    return false;
}

} // namespace ot
