#include "CliSubcommands.h"

#include "CliOutput.h"
#include "service/OrderService.h"

#include <QFile>

namespace ot::cli {

namespace {

QList<OptionUse> optional(std::initializer_list<const Option *> options) {
    QList<OptionUse> uses;
    for (const Option *option : options)
        uses.append({option});
    return uses;
}

} // namespace

const QList<Subcommand> &subcommands() {
    using namespace option;
    static const QList<OptionUse> filters =
        optional({&User, &Type, &Order, &Customer, &Correlation, &From, &To, &Text});
    static const QList<Subcommand> list{
        {QStringLiteral("command"),
         {QStringLiteral("ORDER_ID"), QStringLiteral("JSON|-")},
         {},
         QStringLiteral("issue a command: {\"type\",\"data\",\"userId\"?,\"expectedVersion\"?,"
                        "\"correlationId\"?} (- reads stdin)"),
         true,
         commandAction},
        {QStringLiteral("batch"),
         {},
         optional({&Atomic}),
         QStringLiteral("issue the commands read from stdin, one a line: {\"orderId\",\"type\","
                        "...}; one answer a line; exit 0 when all were applied, else the first "
                        "failure's code; --atomic: all in one transaction, or none"),
         true,
         batchAction},
        {QStringLiteral("show"),
         {QStringLiteral("ORDER_ID")},
         optional({&AtVersion}),
         QStringLiteral("the order's state, now or at version N"),
         false,
         showAction},
        {QStringLiteral("history"),
         {QStringLiteral("ORDER_ID")},
         {},
         QStringLiteral("the order's events, oldest first: {\"events\":[...]}"),
         false,
         historyAction},
        {QStringLiteral("orders"),
         {},
         optional({&Status}),
         QStringLiteral("the order summaries: {\"orders\":[...]}"),
         false,
         ordersAction},
        {QStringLiteral("customer command"),
         {QStringLiteral("ID"), QStringLiteral("JSON|-")},
         {},
         QStringLiteral("issue a customer command (RegisterCustomer, ChangeCustomerDetails, "
                        "ForgetCustomer), as command does"),
         true,
         customerCommandAction},
        {QStringLiteral("customer show"),
         {QStringLiteral("ID")},
         {},
         QStringLiteral("the customer's details (erased ones as {\"erased\":true})"),
         false,
         customerShowAction},
        {QStringLiteral("customer history"),
         {QStringLiteral("ID")},
         {},
         QStringLiteral("the customer's events, oldest first"),
         false,
         customerHistoryAction},
        {QStringLiteral("customers"),
         {},
         optional({&Search}),
         QStringLiteral("the customers: {\"customers\":[...]}"),
         false,
         customersAction},
        {QStringLiteral("product command"),
         {QStringLiteral("SKU"), QStringLiteral("JSON|-")},
         {},
         QStringLiteral("issue a product command (AddProduct, ChangeProductPrice, "
                        "DiscontinueProduct), as command does"),
         true,
         productCommandAction},
        {QStringLiteral("product show"),
         {QStringLiteral("SKU")},
         {},
         QStringLiteral("the product in the catalogue"),
         false,
         productShowAction},
        {QStringLiteral("product history"),
         {QStringLiteral("SKU")},
         {},
         QStringLiteral("the product's events (its prices), oldest first"),
         false,
         productHistoryAction},
        {QStringLiteral("products"),
         {},
         optional({&Search}),
         QStringLiteral("the catalogue: {\"products\":[...]}"),
         false,
         productsAction},
        {QStringLiteral("verify"),
         {},
         optional({&Checkpoint, &PublicKey, &Fast}),
         QStringLiteral("replay every order, customer and product through its rules and check "
                        "every hash chain, snapshot and order summary against it, and that "
                        "nothing up to the checkpoint C (its text, or a file holding it) changed; "
                        "a signed one needs --public-key, and is checked with every checkpoint "
                        "of the ledger before it; --fast: the hash chains only; exit 5 when "
                        "something is wrong"),
         false,
         verifyAction},
        {QStringLiteral("checkpoint"),
         {},
         optional({&Sign, &EveryEvents, &EveryHours}),
         QStringLiteral("print a checkpoint to keep elsewhere; --sign: signed, linked to the "
                        "last one and recorded in the ledger; --every-events, --every-hours: "
                        "keep recording them until stopped, one JSON line each"),
         false,
         checkpointAction},
        {QStringLiteral("checkpoints"),
         {},
         {},
         QStringLiteral("the ledger of signed checkpoints, oldest first: {\"checkpoints\":[...]}"),
         false,
         checkpointsAction},
        {QStringLiteral("events"),
         {},
         filters + optional({&NewestFirst, &Limit, &Count}),
         QStringLiteral("the matching events, one JSON object a line; --count: how many match, "
                        "{\"count\":N}"),
         false,
         eventsAction},
        {QStringLiteral("access-log"),
         {},
         optional({&User, &From, &To, &NewestFirst, &Limit}),
         QStringLiteral("who exported, reported, printed, verified or took a checkpoint, when, "
                        "what they asked and how it ended, one JSON object a line"),
         false,
         accessLogAction},
        {QStringLiteral("export"),
         {},
         QList<OptionUse>{{&Out, true}} + filters + optional({&NoFormulaGuard, &Bom}),
         QStringLiteral("the matching events as CSV (RFC 4180)"),
         false,
         exportAction},
        {QStringLiteral("report"),
         {},
         QList<OptionUse>{{&Out, true}} + filters + optional({&Checkpoint, &PublicKey}),
         QStringLiteral("an evidence report as PDF: the matching events in words (with --order "
                        "alone, the order's state before and after each), a deep verify against "
                        "the checkpoint C or the newest of the ledger, and the evidence's "
                        "SHA-256; prints the file's SHA-256; exit 5 when something is wrong"),
         false,
         reportAction,
         true},
        {QStringLiteral("print"),
         {QStringLiteral("ORDER_ID")},
         QList<OptionUse>{{&Out, true}} + optional({&AtVersion}),
         QStringLiteral("the order, now or at version N, as a printable PDF stamped with its "
                        "version and event hash"),
         false,
         printAction,
         true},
        {QStringLiteral("rebuild-projections"),
         {},
         {},
         QStringLiteral("rebuild the read models (orders, customers, products) and the "
                        "audit's hourly counts from the events"),
         false,
         rebuildAction},
        {QStringLiteral("demo-data"),
         {QStringLiteral("N")},
         optional({&Seed}),
         QStringLiteral("add N realistic demo orders"),
         true,
         demoAction},
        {QStringLiteral("serve"),
         {},
         optional({&Listen, &TokensFile, &RequestTimeout}),
         QStringLiteral("answer the order routes over HTTP (default 127.0.0.1:8080); every "
                        "request needs a bearer token from PATH or $ORDERTRAIL_TOKENS_FILE "
                        "(lines TOKEN USER)"),
         true,
         serveAction},
        {QStringLiteral("admin init"),
         {},
         {},
         QStringLiteral("create or upgrade the schema (PostgreSQL: and the roles "
                        "ordertrail_staff, ordertrail_auditor); needs the owner"),
         true,
         adminInitAction},
        {QStringLiteral("admin add-user"),
         {QStringLiteral("NAME")},
         QList<OptionUse>{{&Role, true}} + optional({&PasswordStdin}),
         QStringLiteral("create a PostgreSQL login in one of those roles"),
         false,
         addUserAction},
        {QStringLiteral("admin keygen"),
         {QStringLiteral("FILE")},
         {},
         QStringLiteral("make an Ed25519 key pair to sign checkpoints with: the private key in "
                        "the new file FILE (readable by its owner only), the public key in "
                        "FILE.pub"),
         false,
         keygenAction},
        {QStringLiteral("admin backup"),
         {QStringLiteral("FILE")},
         {},
         QStringLiteral("copy the database, while in use, into the new file FILE (SQLite: a "
                        "database file; PostgreSQL: pg_dump's custom format)"),
         false,
         backupAction},
        {QStringLiteral("admin restore"),
         {QStringLiteral("FILE")},
         {},
         QStringLiteral("restore a backup into a new SQLite file or an empty PostgreSQL database "
                        "(as its owner), then set it up as admin init does"),
         false,
         restoreAction},
    };
    return list;
}

Action withOrders(OpenMode mode, std::function<int(OrderService &)> work) {
    return [mode, work = std::move(work)](const DatabaseUrl &url) {
        auto service = OrderService::open(url, mode);
        if (!service)
            return fail(service.error());
        return work(*service.value());
    };
}

QString asker(const OrderService &orders) {
    return orders.sessionUser().isEmpty() ? OrderService::systemUserName() : orders.sessionUser();
}

Result<void> logAccess(OrderService &orders, const AccessRecord &access,
                       const QString &handedOver) {
    return orders.recordAccess(access, asker(orders), handedOver);
}

Result<qint64> wholeNumber(const QString &text, const QString &what, qint64 min, qint64 max) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return Error::invalid(
            QStringLiteral("%1 must be a whole number from %2 to %3").arg(what).arg(min).arg(max));
    return value;
}

Result<QByteArray> commandBody(const QString &argument) {
    if (argument == QLatin1String("-"))
        return readStdin(QStringLiteral("the command"));
    return argument.toUtf8();
}

Result<QByteArray> readStdin(const QString &what) {
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read %1 from standard input").arg(what));
    // A pipe hands its data out a piece at a time: read to its end, or past the limit.
    QByteArray bytes;
    while (bytes.size() <= MaxInputBytes) {
        const QByteArray piece = in.read(MaxInputBytes + 1 - bytes.size());
        if (piece.isEmpty())
            break;
        bytes += piece;
    }
    if (bytes.size() > MaxInputBytes)
        return Error::invalid(QStringLiteral("%1 is larger than 16 MiB").arg(what));
    return bytes;
}

} // namespace ot::cli
