#include "CliOutput.h"

#include "Cli.h"
#include "service/Json.h"

#include <cstdio>

namespace ot::cli {

namespace {

int exitCode(const Error &error) {
    switch (error.code) {
    case ErrorCode::Invalid:
        return Invalid;
    case ErrorCode::Rejected:
    case ErrorCode::NotFound:
        return Failed;
    case ErrorCode::Conflict:
        return Conflict;
    case ErrorCode::Storage:
        return Storage;
    }
    return Storage;
}

} // namespace

void print(const QJsonObject &object) {
    const QByteArray bytes = json::line(object);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int fail(const Error &error) {
    print(json::error(error));
    return exitCode(error);
}

Error usageError(const QString &message) {
    return Error::invalid(message % QStringLiteral(" (see ordertrail-cli --help)"));
}

} // namespace ot::cli
