#pragma once

#include "BearerTokens.h"
#include "es/Result.h"
#include "storage/DatabaseUrl.h"

#include <QHostAddress>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace ot::http {

// The options of `ordertrail-cli serve` as given on its command line; nullopt: not given.
struct ServeArguments {
    std::optional<QString> listen;         // ADDRESS:PORT; 127.0.0.1:8080
    std::optional<QString> tokensFile;     // $ORDERTRAIL_TOKENS_FILE
    std::optional<QString> requestTimeout; // seconds; 10
};

// What the server is started with, checked.
struct ServeSetup {
    QHostAddress address;
    quint16 port = 0;
    BearerTokens tokens;
    int requestTimeoutMs = 0;
};

// Checks the arguments and reads the tokens file: a mistake in either is told before any
// database is opened or created.
Result<ServeSetup> prepareServe(const ServeArguments &arguments);

// Answers the order routes on `database` until SIGINT or SIGTERM, then returns once every
// request received is answered. `announce` is told {"listening":URL} once the server listens
// (port 0: the port chosen) and {"stopped":true} at the end; a warning for an address other
// machines can reach goes to standard error. Needs a QCoreApplication, whose event loop it runs.
Result<void> serve(const DatabaseUrl &database, const ServeSetup &setup,
                   const std::function<void(const QJsonObject &)> &announce);

} // namespace ot::http
