#pragma once

#include <QLocale>

class QCoreApplication;

namespace ot {

// The desktop program's identity, which names its settings file
// (~/.config/OrderTrail/OrderTrail.conf), its desktop entry and its icon.
void setApplicationIdentity();

// Loads the translations for `locale` into `app`: OrderTrail's own, built into the program
// (":/i18n/ordertrail_LANG.qm"), and Qt's own (dialog buttons and the like) from Qt's
// translations folder, when the system has them (Debian: qt6-translations-l10n). A language
// without a translation stays in English. Returns whether OrderTrail's own were found.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace ot
