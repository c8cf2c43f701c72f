#include "Serve.h"

#include "OrderServer.h"
#include "StopSignals.h"
#include "service/OrderService.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace ot::http {

namespace {

Error usageError(const QString &message) {
    return Error::invalid(message % QStringLiteral(" (see ordertrail-cli --help)"));
}

Result<int> inRange(const QString &text, const QString &what, int min, int max) {
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return Error::invalid(
            QStringLiteral("%1 must be a whole number from %2 to %3").arg(what).arg(min).arg(max));
    return value;
}

Result<std::pair<QHostAddress, quint16>> listenAddress(const QString &text) {
    const Error wrong = usageError(
        QStringLiteral("--listen needs an IP address and a port, as 127.0.0.1:8080 or [::1]:8080"));
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return wrong;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (address.isNull())
        return wrong;
    auto port = inRange(text.mid(colon + 1), QStringLiteral("the port of --listen"), 0, 65535);
    if (!port)
        return port.error();
    return std::pair{address, quint16(port.value())};
}

QString httpUrl(const QHostAddress &address, quint16 port) {
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' % address.toString() % u']'
                             : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

} // namespace

Result<ServeSetup> prepareServe(const ServeArguments &arguments) {
    auto listen = listenAddress(arguments.listen.value_or(QStringLiteral("127.0.0.1:8080")));
    if (!listen)
        return listen.error();
    int timeoutSeconds = 10;
    if (arguments.requestTimeout) {
        auto seconds =
            inRange(*arguments.requestTimeout, QStringLiteral("--request-timeout"), 1, 3600);
        if (!seconds)
            return seconds.error();
        timeoutSeconds = seconds.value();
    }
    const QString tokensFile =
        arguments.tokensFile.value_or(qEnvironmentVariable("ORDERTRAIL_TOKENS_FILE"));
    if (tokensFile.isEmpty())
        return usageError(QStringLiteral(
            "serve needs bearer tokens: --tokens-file PATH or ORDERTRAIL_TOKENS_FILE"));
    auto tokens = BearerTokens::load(tokensFile);
    if (!tokens)
        return tokens.error();
    return ServeSetup{listen->first, listen->second, tokens.value(), timeoutSeconds * 1000};
}

Result<void> serve(const DatabaseUrl &database, const ServeSetup &setup,
                   const std::function<void(const QJsonObject &)> &announce) {
    // Opened once here so that a wrong database stops the server at once rather than failing
    // every request; each worker thread then opens its own connection.
    if (auto check = OrderService::open(database, OpenMode::CreateIfMissing); !check)
        return check.error();
    OrderServer server({database, setup.tokens, setup.requestTimeoutMs,
                        qBound(2, QThread::idealThreadCount(), 8)});
    auto port = server.start(setup.address, setup.port);
    if (!port)
        return port.error();
    StopSignals stop;
    QObject::connect(&stop, &StopSignals::stopRequested, &server, &OrderServer::shutdown);
    QObject::connect(&server, &OrderServer::finished, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    if (!setup.address.isLoopback())
        std::fprintf(stderr,
                     "ordertrail-cli serve: listening on %s, reachable from other machines "
                     "and unencrypted; put a TLS proxy in front of it\n",
                     qPrintable(setup.address.toString()));
    announce({{QStringLiteral("listening"), httpUrl(setup.address, port.value())}});
    QCoreApplication::exec();
    announce({{QStringLiteral("stopped"), true}});
    return {};
}

} // namespace ot::http
