// The subcommands that set a database up and serve it.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "Serve.h"
#include "service/Administration.h"
#include "service/Backup.h"

namespace ot::cli {

Result<Action> serveAction(const Arguments &args) {
    auto setup = http::prepareServe({args.given(option::Listen), args.given(option::TokensFile),
                                     args.given(option::RequestTimeout)});
    if (!setup)
        return setup.error();
    return Action([setup = setup.value()](const DatabaseUrl &url) {
        if (auto served = http::serve(url, setup, print); !served)
            return fail(served.error());
        return int(Ok);
    });
}

Result<Action> adminInitAction(const Arguments &) {
    return Action([](const DatabaseUrl &url) {
        if (auto ok = admin::initialize(url); !ok)
            return fail(ok.error());
        print({{QStringLiteral("initialized"), url.toString()},
               {QStringLiteral("schemaVersion"), admin::schemaVersion()}});
        return int(Ok);
    });
}

Result<Action> addUserAction(const Arguments &args) {
    const QString roleText = args.value(option::Role);
    if (roleText != QLatin1String("staff") && roleText != QLatin1String("auditor"))
        return usageError(QStringLiteral("admin add-user needs --role staff or --role auditor"));
    const admin::Role role =
        roleText == QLatin1String("staff") ? admin::Role::Staff : admin::Role::Auditor;
    QString password;
    if (args.isSet(option::PasswordStdin)) {
        auto read = readStdin(QStringLiteral("the password"));
        if (!read)
            return read.error();
        password = QString::fromUtf8(read.value()).section(u'\n', 0, 0).remove(u'\r');
        if (password.isEmpty())
            return Error::invalid(QStringLiteral("the password read from standard input is empty"));
    }
    return Action([name = args.positional(0), role, password](const DatabaseUrl &url) {
        if (auto ok = admin::addUser(url, name, role, password); !ok)
            return fail(ok.error());
        print({{QStringLiteral("created"), name}, {QStringLiteral("role"), admin::roleName(role)}});
        return int(Ok);
    });
}

Result<Action> backupAction(const Arguments &args) {
    return Action([file = args.positional(0)](const DatabaseUrl &url) {
        if (auto ok = admin::backup(url, file); !ok)
            return fail(ok.error());
        print({{QStringLiteral("backup"), file}, {QStringLiteral("of"), url.toString()}});
        return int(Ok);
    });
}

Result<Action> restoreAction(const Arguments &args) {
    return Action([file = args.positional(0)](const DatabaseUrl &url) {
        if (auto ok = admin::restore(url, file); !ok)
            return fail(ok.error());
        print({{QStringLiteral("restored"), file},
               {QStringLiteral("into"), url.toString()},
               {QStringLiteral("schemaVersion"), admin::schemaVersion()}});
        return int(Ok);
    });
}

} // namespace ot::cli
