#include "Log.h"

namespace ot {

Q_LOGGING_CATEGORY(lcDesk, "ordertrail.desk", QtWarningMsg)

} // namespace ot
