#pragma once

#include "CliOptions.h"
#include "audit/AccessLog.h"
#include "audit/Checkpoint.h"
#include "es/EventQuery.h"
#include "es/Result.h"
#include "storage/DatabaseUrl.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace ot {
class OrderService;
}

namespace ot::cli {

// What a subcommand does once its arguments are checked: every argument is checked before any
// database is opened or created. Returns the exit code.
using Action = std::function<int(const DatabaseUrl &url)>;

struct OptionUse {
    const Option *option;
    bool required = false; // must be given, with a value that is not empty
};

struct Subcommand {
    QString name; // one word, or "admin WORD", "customer WORD", "product WORD"
    QStringList arguments;
    QList<OptionUse> options;  // the only options it takes (--db aside)
    QString help;              // for --help, which wraps it
    bool createsDefaultFolder; // may create the database file in the user's data folder
    Result<Action> (*prepare)(const Arguments &);
    bool drawsDocuments = false; // lays out documents, with fonts (a GUI application)
};

// Every subcommand, in the order of --help.
const QList<Subcommand> &subcommands();

// Runs `work` on an OrderService opened in `mode`.
Action withOrders(OpenMode mode, std::function<int(OrderService &)> work);

// Each subcommand's preparation. Orders (CliOrders.cpp):
Result<Action> commandAction(const Arguments &args);
Result<Action> batchAction(const Arguments &args);
Result<Action> showAction(const Arguments &args);
Result<Action> historyAction(const Arguments &args);
Result<Action> ordersAction(const Arguments &args);
Result<Action> rebuildAction(const Arguments &args);
Result<Action> demoAction(const Arguments &args);
// Customers and products (CliMasterData.cpp), and the one way every command is issued: its
// arguments ID and JSON|- for one stream of `aggregateType`.
Result<Action> issueAction(const QString &aggregateType, const Arguments &args);
Result<Action> customerCommandAction(const Arguments &args);
Result<Action> customerShowAction(const Arguments &args);
Result<Action> customerHistoryAction(const Arguments &args);
Result<Action> customersAction(const Arguments &args);
Result<Action> productCommandAction(const Arguments &args);
Result<Action> productShowAction(const Arguments &args);
Result<Action> productHistoryAction(const Arguments &args);
Result<Action> productsAction(const Arguments &args);
// History and audit (CliHistory.cpp; checkpoints and verify in CliCheckpoints.cpp):
Result<Action> verifyAction(const Arguments &args);
Result<Action> checkpointAction(const Arguments &args);
Result<Action> checkpointsAction(const Arguments &args);
Result<Action> keygenAction(const Arguments &args);
Result<Action> eventsAction(const Arguments &args);
Result<Action> exportAction(const Arguments &args);
Result<Action> accessLogAction(const Arguments &args);
// Documents (CliDocuments.cpp): the evidence report and the printed order, as PDF.
Result<Action> reportAction(const Arguments &args);
Result<Action> printAction(const Arguments &args);
// Running and setting up (CliAdmin.cpp):
Result<Action> serveAction(const Arguments &args);
Result<Action> adminInitAction(const Arguments &args);
Result<Action> addUserAction(const Arguments &args);
Result<Action> backupAction(const Arguments &args);
Result<Action> restoreAction(const Arguments &args);

// Who asks: the login on a server, else the user of the system.
QString asker(const OrderService &orders);
// Records in the access log what this run took out of history or judged, as asker() (see
// OrderService::recordAccess).
Result<void> logAccess(OrderService &orders, const AccessRecord &access,
                       const QString &handedOver = {});

// What the preparations share. A whole number within [min, max], or an error naming `what`:
Result<qint64> wholeNumber(const QString &text, const QString &what, qint64 min, qint64 max);
// The most a command, a line of a batch or a password read from standard input may hold.
constexpr qint64 MaxInputBytes = qint64(16) * 1024 * 1024;
// All of standard input (`what` it holds, for the message), up to MaxInputBytes.
Result<QByteArray> readStdin(const QString &what);
// A command's body: the argument, or standard input for "-".
Result<QByteArray> commandBody(const QString &argument);
// The audit filters of events, export and report; times are ISO 8601 (UTC unless an offset is
// given), the range [from, to).
Result<EventFilter> eventFilter(const Arguments &args);
// --at-version N of show and print; none when it is not given.
Result<std::optional<qint64>> atVersionOption(const Arguments &args);
// What verify and report check the history against: --checkpoint, with --public-key for a
// signed one.
struct CheckpointOptions {
    std::optional<Checkpoint> plain;
    std::optional<SignedAnchor> anchor;
};
Result<CheckpointOptions> checkpointOptions(const Arguments &args);

} // namespace ot::cli
