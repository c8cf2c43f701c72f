#pragma once

#include "es/Result.h"

#include <QJsonObject>

// What ordertrail-cli prints: one line of JSON (ot::json) per answer on standard output.
namespace ot::cli {

// Written and flushed at once: a script may wait for it before it sends more.
void print(const QJsonObject &object);
// Prints the error's {"error","code"} and returns its exit code (Cli.h).
int fail(const Error &error);
// An invalid use of the command line, pointing to --help.
Error usageError(const QString &message);

} // namespace ot::cli
