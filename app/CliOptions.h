#pragma once

#include "orders/OrderVocabulary.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

// The options of ordertrail-cli, each declared once here. The parser, --help (with the
// subcommands that take each option, from the table in CliSubcommands.cpp), the check that an
// option applies to the subcommand given, and so the man page's test, all come from these.
namespace ot::cli {

struct Option {
    const char *name;      // --name
    const char *valueName; // null: a switch
    const char *help;
    // The values it takes, listed after the help; null: any.
    QStringList (*choices)() = nullptr;
};

namespace option {
// Every subcommand's, for the database: not in the subcommand table.
inline constexpr Option Db{
    "db", "URL", "Database URL: sqlite:PATH or postgresql://user[:password]@host[:port]/db."};

inline constexpr Option Atomic{
    "atomic", nullptr, "run every command in one transaction; the first failure undoes them all."};
inline constexpr Option AtVersion{"at-version", "N", "the state at version N."};
inline constexpr Option Status{"status", "S", "only this status", orderStatusNames};
inline constexpr Option Checkpoint{"checkpoint", "C", "also check against this checkpoint."};
inline constexpr Option Fast{"fast", nullptr,
                             "check the hash chains only, without replaying the rules."};
inline constexpr Option PublicKey{"public-key", "FILE",
                                  "the signer's public key (PEM), to check a signed checkpoint."};
inline constexpr Option Sign{"sign", "KEYFILE",
                             "sign the checkpoint with this private key (PEM) and record it in "
                             "the ledger."};
inline constexpr Option EveryEvents{"every-events", "N",
                                    "keep running: record one whenever N events were added."};
inline constexpr Option EveryHours{"every-hours", "H", "keep running: record one every H hours."};

// The audit filters; times are ISO 8601, UTC unless an offset is given.
inline constexpr Option User{"user", "U", "by this user."};
inline constexpr Option Type{"type", "T", "of this event type."};
inline constexpr Option Order{"order", "ID", "of this order."};
inline constexpr Option Customer{"customer", "ID", "of this customer and of its orders."};
inline constexpr Option Correlation{"correlation", "C", "of this correlation id."};
inline constexpr Option From{"from", "TIME",
                             "at or after this time (ISO 8601, UTC unless an offset is given)."};
inline constexpr Option To{"to", "TIME", "before this time."};
inline constexpr Option Text{"text", "WORDS",
                             "whose data holds this text (ignoring the case of ASCII letters)."};

inline constexpr Option Search{"search", "TEXT",
                               "only those whose id, name, e-mail or city holds TEXT (ignoring "
                               "case)."};
inline constexpr Option NewestFirst{"newest-first", nullptr, "newest first."};
inline constexpr Option Limit{"limit", "N", "at most N."};
inline constexpr Option Count{"count", nullptr, "only how many there are."};
inline constexpr Option Out{"out", "FILE",
                            "the file to write: CSV for export, PDF for report and print."};
inline constexpr Option NoFormulaGuard{"no-formula-guard", nullptr,
                                       "leave cells starting with = + - @ as they are."};
inline constexpr Option Bom{"bom", nullptr, "start with a UTF-8 byte order mark (Excel)."};
inline constexpr Option Seed{"seed", "S", "random seed (default 1)."};
inline constexpr Option Listen{"listen", "ADDRESS:PORT",
                               "the address and port to listen on (default 127.0.0.1:8080)."};
inline constexpr Option TokensFile{
    "tokens-file", "PATH",
    "the file of bearer tokens, lines TOKEN USER (default $ORDERTRAIL_TOKENS_FILE)."};
inline constexpr Option RequestTimeout{
    "request-timeout", "SECONDS",
    "seconds a client may take to send a request, and an idle connection stays open (default "
    "10)."};
inline constexpr Option Role{"role", "staff|auditor", "the login's role."};
inline constexpr Option PasswordStdin{"password-stdin", nullptr,
                                      "read the login's password from standard input."};
} // namespace option

// What a subcommand is given: its arguments after its name, and the options.
class Arguments {
public:
    Arguments(const QCommandLineParser &parser, QStringList positional)
        : m_parser(parser)
        , m_positional(std::move(positional)) {}

    const QString &positional(qsizetype i) const { return m_positional.at(i); }
    bool isSet(const Option &option) const { return m_parser.isSet(QLatin1String(option.name)); }
    QString value(const Option &option) const { return m_parser.value(QLatin1String(option.name)); }
    std::optional<QString> given(const Option &option) const {
        return isSet(option) ? std::optional(value(option)) : std::nullopt;
    }

private:
    const QCommandLineParser &m_parser;
    QStringList m_positional;
};

} // namespace ot::cli
