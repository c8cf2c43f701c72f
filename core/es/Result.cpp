#include "Result.h"

namespace ot {

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::Invalid:
        return QStringLiteral("invalid");
    case ErrorCode::Rejected:
        return QStringLiteral("rejected");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Storage:
        return QStringLiteral("storage");
    }
    return QStringLiteral("storage");
}

Error Error::versionConflict(qint64 expected, qint64 actual) {
    return {ErrorCode::Conflict,
            QStringLiteral("version conflict: expected version %1, but the stream is at version %2")
                .arg(expected)
                .arg(actual),
            VersionConflict{expected, actual}};
}

} // namespace ot
