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
        if (auto logged =
                logAccess(orders, reportAccess(request, written), written ? path : QString());
            !logged)
            return fail(logged.error());
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
        std::optional<OrderVersion> shown;
        const auto printed = [&]() -> Result<QByteArray> {
            auto found = orderToPrint(orders, id, atVersion);
            if (!found)
                return found.error();
            shown = found.value();
            return writePdf(
                *orderDocument(*shown->at, shown->event),
                QStringLiteral("Order %1, version %2").arg(id).arg(shown->at->version()), path);
        }();
        const qint64 version = shown ? shown->at->version() : atVersion.value_or(0);
        if (auto logged =
                logAccess(orders, printAccess(id, version, printed), printed ? path : QString());
            !logged)
            return fail(logged.error());
        if (!printed)
            return fail(printed.error());
        print({{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
               {QStringLiteral("orderId"), id},
               {QStringLiteral("version"), version},
               {QStringLiteral("hash"), QString::fromLatin1(shown->event.hash)},
               {QStringLiteral("sha256"), QString::fromLatin1(printed.value())}});
        return int(Ok);
    });
}

} // namespace ot::cli
