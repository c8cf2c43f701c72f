#pragma once

#include <QLoggingCategory>

namespace ot {

// The core's log: what a user is told in one plain line, with the detail behind it (a
// database driver's own words). Warnings and above by default; QT_LOGGING_RULES=
// "ordertrail.core.info=true" shows the rest.
Q_DECLARE_LOGGING_CATEGORY(lcCore)

} // namespace ot
