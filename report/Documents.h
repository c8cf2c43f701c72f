#pragma once

#include "audit/AccessLog.h"
#include "audit/Checkpoint.h"
#include "es/DomainEvent.h"
#include "es/EventQuery.h"
#include "es/Result.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QTextDocument;

namespace ot {

class OrderAggregate;
class OrderService;
struct OrderVersion;

// The documents an auditor hands over, laid out as rich text: what the desk prints and what
// both the desk and the CLI write as PDF (Qt's own PDF writer).

// The order as it was at `head` (the event that made that version): customer, shipping address,
// lines with discount and tax, totals per tax rate, in the order's currency; stamped with the
// order id, the version and the hash of `head`.
std::unique_ptr<QTextDocument> orderDocument(const OrderAggregate &order, const DomainEvent &head);

// The order at `version`, or at its newest without one, with the event that made it: what
// orderDocument() prints.
Result<OrderVersion> orderToPrint(OrderService &orders, const QString &id,
                                  std::optional<qint64> version);

// `document` as a PDF file at `path`, titled `title`, written whole or not at all; returns the
// file's hex SHA-256.
Result<QByteArray> writePdf(const QTextDocument &document, const QString &title,
                            const QString &path);

// What an evidence report covers and what it checks the history against.
struct ReportRequest {
    // The events it shows. When it selects one order's history and nothing else, the report
    // also shows the order's state before and after each event.
    EventFilter filter;
    // The checkpoint the history is verified against; without one, the newest of the ledger.
    std::optional<Checkpoint> checkpoint;
    // A signed checkpoint with its signer's key: the signature and the ledger are checked too.
    std::optional<SignedAnchor> anchor;
    QString requestedBy; // who asked, as the report names them
};

struct ReportWritten {
    qint64 events = 0;
    bool intact = false;       // what the deep verify found
    QByteArray evidenceDigest; // hex, printed on the last page (see writeEvidenceReport)
    QByteArray fileDigest;     // hex SHA-256 of the PDF as written
};

// The access log's records (OrderService::recordAccess) of a report and of an order printed
// at `version` (the one asked for, or 0 for the newest, when it failed) into a file of SHA-256
// `digest` (empty for a printer), however they ended.
AccessRecord reportAccess(const ReportRequest &request, const Result<ReportWritten> &written);
AccessRecord printAccess(const QString &orderId, qint64 version, const Result<QByteArray> &digest);

// The most events one report shows: beyond that it would be a book, not evidence anyone reads;
// CSV export takes any number.
constexpr qint64 MaxReportEvents = 20'000;

// Called with (done, total) for the events laid out, then for the events verified; returning
// false cancels (no file is written).
using ReportProgress = std::function<bool(qint64 done, qint64 total)>;

// Writes the evidence report for `request` to the PDF file `path`: what was asked, by whom and
// when, every event in words with who and when (for an order, its state before and after each),
// the deep verify's result and the checkpoint it was checked against. Its last page prints the
// SHA-256 of the evidence: the request, the time, the position and hash of every event shown,
// the verify result and the checkpoint, each a netstring, in that order. A file cannot hold
// its own digest: that of the PDF is returned, for whoever hands the file over to state.
Result<ReportWritten> writeEvidenceReport(OrderService &orders, const ReportRequest &request,
                                          const QString &path, const ReportProgress &progress = {});

} // namespace ot
