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

// Runs the command line as the system passed it, in an application of its own (made here: a
// subcommand that draws documents needs a GUI one).
int run(int &argc, char *argv[]);

} // namespace ot::cli
