#pragma once

#include <QLoggingCategory>

namespace ot {

// The desk's log (QT_LOGGING_RULES="ordertrail.desk.info=true" shows all of it); what the user
// is told stays in the window.
Q_DECLARE_LOGGING_CATEGORY(lcDesk)

} // namespace ot
