#include "Cli.h"

#include "CliOutput.h"
#include "CliSubcommands.h"

#include <QCommandLineParser>
#include <QGuiApplication>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace ot::cli {

namespace {

constexpr qsizetype HelpWidth = 79;
// Where a subcommand's help starts, after its synopsis.
constexpr qsizetype HelpColumn = 31;

// `words` filled into lines of at most HelpWidth characters (a longer word stands alone), the
// first indented by `first`, the others by `rest`.
QStringList wrapped(const QStringList &words, qsizetype first, qsizetype rest) {
    QStringList lines;
    QString line(first, u' ');
    qsizetype indent = first;
    for (const QString &word : words) {
        if (line.size() > indent && line.size() + 1 + word.size() > HelpWidth) {
            lines.append(line);
            line = QString(rest, u' ');
            indent = rest;
        }
        if (line.size() > indent)
            line += u' ';
        line += word;
    }
    lines.append(line);
    return lines;
}

QString optionSyntax(const Option &option) {
    const QString name = QLatin1String(option.name);
    return option.valueName ? QStringLiteral("--%1 %2").arg(name, QLatin1String(option.valueName))
                            : QStringLiteral("--%1").arg(name);
}

// "show ORDER_ID [--at-version N]" and its help, wrapped; the help beside the synopsis when
// there is room.
QString subcommandHelp(const Subcommand &subcommand) {
    QStringList synopsis = QStringList{subcommand.name} + subcommand.arguments;
    for (const OptionUse &use : subcommand.options)
        synopsis.append(use.required ? optionSyntax(*use.option)
                                     : QStringLiteral("[%1]").arg(optionSyntax(*use.option)));
    QStringList lines = wrapped(synopsis, 2, 6);
    QStringList help = wrapped(subcommand.help.split(u' '), HelpColumn, HelpColumn);
    if (lines.last().size() < HelpColumn - 1)
        lines.last() = lines.last().leftJustified(HelpColumn) + help.takeFirst().mid(HelpColumn);
    return (lines + help).join(u'\n');
}

QString description() {
    QStringList subcommandLines;
    for (const Subcommand &subcommand : subcommands())
        subcommandLines.append(subcommandHelp(subcommand));
    return QStringLiteral(
               "OrderTrail on the command line: the same core as the desktop application.\n"
               "\n"
               "Subcommands:\n") +
           subcommandLines.join(u'\n') +
           QStringLiteral(
               "\n"
               "\n"
               "Output is JSON; a list is an object that names it, as {\"orders\":[...]}.\n"
               "Errors print {\"error\",\"code\"}; exit codes: 0 ok, 1 rejected or not_found,\n"
               "2 invalid, 3 conflict, 4 storage, 5 verify found tampering.\n"
               "The database is --db, else $ORDERTRAIL_DB, else the file in your data folder.");
}

// The parser's option for `option`; its help names the subcommands that take it.
QCommandLineOption parserOption(const Option &option, const QStringList &takenBy) {
    QString help = QLatin1String(option.help);
    if (option.choices)
        help += QStringLiteral(" (%1).").arg(option.choices().join(QStringLiteral(", ")));
    if (!takenBy.isEmpty())
        help = takenBy.join(QStringLiteral(", ")) + QStringLiteral(": ") + help;
    return option.valueName ? QCommandLineOption(QLatin1String(option.name), help,
                                                 QLatin1String(option.valueName))
                            : QCommandLineOption(QLatin1String(option.name), help);
}

// Every option but --db, in the order the subcommands first take them.
QList<const Option *> subcommandOptions() {
    QList<const Option *> options;
    for (const Subcommand &subcommand : subcommands()) {
        for (const OptionUse &use : subcommand.options) {
            if (!options.contains(use.option))
                options.append(use.option);
        }
    }
    return options;
}

QStringList subcommandsTaking(const Option *option) {
    QStringList names;
    for (const Subcommand &subcommand : subcommands()) {
        if (std::any_of(subcommand.options.begin(), subcommand.options.end(),
                        [&](const OptionUse &use) { return use.option == option; }))
            names.append(subcommand.name);
    }
    return names;
}

// The options given are those `subcommand` takes, and those it needs are there.
Result<void> checkOptions(const QCommandLineParser &parser, const Subcommand &subcommand) {
    for (const Option *option : subcommandOptions()) {
        const auto use = std::find_if(subcommand.options.begin(), subcommand.options.end(),
                                      [&](const OptionUse &u) { return u.option == option; });
        const bool given = parser.isSet(QLatin1String(option->name));
        if (given && use == subcommand.options.end())
            return usageError(QStringLiteral("--%1 does not apply to %2")
                                  .arg(QLatin1String(option->name), subcommand.name));
        if (use != subcommand.options.end() && use->required &&
            (!given || parser.value(QLatin1String(option->name)).isEmpty()))
            return usageError(
                QStringLiteral("%1 needs %2").arg(subcommand.name, optionSyntax(*option)));
    }
    return {};
}

} // namespace

int run(int &argc, char *argv[]) {
    // Qt decodes the arguments as UTF-8 and puts U+FFFD where they are not, so an order id or a
    // command with such bytes would be stored as another text than the one given; refused here,
    // where the bytes are still at hand.
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && !QByteArrayView(argv[i]).isValidUtf8())
            return fail(Error::invalid(QStringLiteral("argument %1 is not valid UTF-8: check the "
                                                      "encoding of the terminal or script")
                                           .arg(i)));
        arguments.append(QString::fromUtf8(argv[i]));
    }
    std::unique_ptr<QCoreApplication> application;
    const auto start = [&](bool drawsDocuments) {
        if (drawsDocuments) {
            // Documents are laid out with fonts, which need a GUI application; the CLI shows no
            // window, so it needs no display. Everything else starts faster without one.
            qputenv("QT_QPA_PLATFORM", "offscreen");
            application = std::make_unique<QGuiApplication>(argc, argv);
        } else {
            application = std::make_unique<QCoreApplication>(argc, argv);
        }
        QCoreApplication::setApplicationName(QStringLiteral("ordertrail-cli"));
        QCoreApplication::setApplicationVersion(QStringLiteral(OT_VERSION));
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(parserOption(option::Db, {}));
    for (const Option *option : subcommandOptions())
        parser.addOption(parserOption(*option, subcommandsTaking(option)));
    parser.addPositionalArgument(QStringLiteral("subcommand"),
                                 QStringLiteral("What to do (see above)."),
                                 QStringLiteral("SUBCOMMAND [ARGS...]"));
    if (!parser.parse(arguments))
        return fail(usageError(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        start(false); // the help names the program as it was started
        const QByteArray help = parser.helpText().toUtf8();
        std::fwrite(help.constData(), 1, size_t(help.size()), stdout);
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ordertrail-cli %s\n", OT_VERSION);
        return Ok;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(usageError(QStringLiteral("no subcommand given")));
    QString name = positional.takeFirst();
    if (QStringList{QStringLiteral("admin"), QStringLiteral("customer"), QStringLiteral("product")}
            .contains(name) &&
        !positional.isEmpty())
        name += u' ' % positional.takeFirst();
    const auto found = std::find_if(subcommands().begin(), subcommands().end(),
                                    [&](const Subcommand &s) { return s.name == name; });
    if (found == subcommands().end())
        return fail(usageError(QStringLiteral("unknown subcommand '%1'").arg(name)));
    const Subcommand &sub = *found;
    if (positional.size() != sub.arguments.size())
        return fail(
            usageError(QStringLiteral("%1 takes %2")
                           .arg(sub.name, sub.arguments.isEmpty() ? QStringLiteral("no arguments")
                                                                  : sub.arguments.join(u' '))));
    if (auto checked = checkOptions(parser, sub); !checked)
        return fail(checked.error());
    start(sub.drawsDocuments);

    auto action = sub.prepare(Arguments(parser, positional));
    if (!action)
        return fail(action.error());

    const QString db = QLatin1String(option::Db.name);
    const bool explicitDb = parser.isSet(db);
    auto url = explicitDb ? DatabaseUrl::parse(parser.value(db)) : DatabaseUrl::fromEnvironment();
    if (!url)
        return fail(url.error());
    if (sub.createsDefaultFolder && !explicitDb && qEnvironmentVariableIsEmpty("ORDERTRAIL_DB")) {
        if (auto made = DatabaseUrl::createDefaultFolder(); !made)
            return fail(made.error());
    }
    return action.value()(url.value());
}

} // namespace ot::cli
