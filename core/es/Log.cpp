#include "Log.h"

namespace ot {

Q_LOGGING_CATEGORY(lcCore, "ordertrail.core", QtWarningMsg)

} // namespace ot
