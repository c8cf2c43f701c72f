#pragma once

#include <QStringList>

namespace ot::cli {

// Exit codes, one per error code (README, "ordertrail-cli").
enum ExitCode {
    Ok = 0,
    Failed = 1,   // rejected by an order rule, or not found
    Invalid = 2,  // malformed or wrong input, bad usage
    Conflict = 3, // version conflict
    Storage = 4,  // the database failed or could not be opened
    Tampered = 5, // verify found altered, missing or reordered events
};

int run(const QStringList &arguments);
// The same with the arguments as the system passed them (a QCoreApplication must exist).
int run(int argc, char *argv[]);

} // namespace ot::cli
