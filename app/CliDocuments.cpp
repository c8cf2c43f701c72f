// The subcommands that write documents: the evidence report and the printed order, as PDF.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "Documents.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QFileInfo>
#include <QTextDocument>

namespace ot::cli {

namespace {

// Who asks: the login on a server, else the user of the system.
QString asker(const OrderService &orders) {
    return orders.sessionUser().isEmpty() ? OrderService::systemUserName() : orders.sessionUser();
}

} // namespace

Result<Action> reportAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    auto checkpoints = checkpointOptions(args);
    if (!checkpoints)
        return checkpoints.error();
    const QString path = args.value(option::Out);
    return withOrders(OpenMode::ExistingOnly, [filter = filter.value(),
                                               checkpoints = checkpoints.value(),
                                               path](OrderService &orders) {
        const ReportRequest request{filter, checkpoints.plain, checkpoints.anchor, asker(orders)};
        auto written = writeEvidenceReport(orders, request, path);
        if (!written)
            return fail(written.error());
        print({{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
               {QStringLiteral("events"), written->events},
               {QStringLiteral("intact"), written->intact},
               {QStringLiteral("evidenceSha256"), QString::fromLatin1(written->evidenceDigest)},
               {QStringLiteral("sha256"), QString::fromLatin1(written->fileDigest)}});
        return int(written->intact ? Ok : Tampered);
    });
}

Result<Action> printAction(const Arguments &args) {
    auto atVersion = atVersionOption(args);
    if (!atVersion)
        return atVersion.error();
    const QString path = args.value(option::Out);
    return withOrders(OpenMode::ExistingOnly, [id = args.positional(0),
                                               atVersion = atVersion.value(),
                                               path](OrderService &orders) {
        auto shown = orderToPrint(orders, id, atVersion);
        if (!shown)
            return fail(shown.error());
        const qint64 version = shown->at->version();
        const auto document = orderDocument(*shown->at, shown->event);
        auto written =
            writePdf(*document, QStringLiteral("Order %1, version %2").arg(id).arg(version), path);
        if (!written)
            return fail(written.error());
        print({{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
               {QStringLiteral("orderId"), id},
               {QStringLiteral("version"), version},
               {QStringLiteral("hash"), QString::fromLatin1(shown->event.hash)},
               {QStringLiteral("sha256"), QString::fromLatin1(written.value())}});
        return int(Ok);
    });
}

} // namespace ot::cli
