#include "Documents.h"

#include "EventText.h"
#include "es/EventHash.h"
#include "es/Sha256.h"
#include "orders/OrderAggregate.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QBuffer>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace ot {

namespace {

constexpr int EventsPerPage = 500;

// Every document is built from these few pieces, so they look alike.
QString esc(const QString &text) {
    return text.toHtmlEscaped();
}

QString code(const QString &text) {
    return QStringLiteral("<span style=\"font-family: monospace\">") % esc(text) %
           QStringLiteral("</span>");
}

QString small(const QString &html) {
    return QStringLiteral("<p style=\"font-size: small; color: #444\">") % html %
           QStringLiteral("</p>");
}

QString paragraph(const QString &html) {
    return QStringLiteral("<p>") % html % QStringLiteral("</p>");
}

QString heading(int level, const QString &text) {
    const QString tag = QStringLiteral("h%1").arg(level);
    return u'<' % tag % u'>' % esc(text) % QStringLiteral("</") % tag % u'>';
}

// A table of ruled cells, as wide as the page.
QString tableStart() {
    return QStringLiteral(
        "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
}

std::unique_ptr<QTextDocument> document(const QString &html) {
    auto doc = std::make_unique<QTextDocument>();
    // Text set with letter spacing is never ligated, so "ff" in a hash or a name stays two
    // letters for whoever copies or searches the PDF's text.
    QFont font = doc->defaultFont();
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.01);
    doc->setDefaultFont(font);
    doc->setDefaultStyleSheet(QStringLiteral("th { text-align: left; background-color: #eee; }"
                                             "td.n, th.n { text-align: right; }"));
    doc->setHtml(html);
    return doc;
}

// The order's state in lines, as the report compares it before and after an event.
QStringList stateLines(const OrderAggregate &order) {
    QStringList lines;
    if (const auto status = order.status())
        lines << EventText::tr("Status: %1").arg(EventText::status(*status));
    lines << EventText::orderDetails(order);
    for (const OrderItem &item : order.items())
        lines << EventText::line(item);
    for (const OrderNote &note : order.notes())
        lines << EventText::tr("Note by %1: %2").arg(note.userId, note.text);
    return lines;
}

// One side of a before/after table: the lines not in `previous` (what changed) in bold.
QString stateCell(const QStringList &lines, const QStringList &previous) {
    QStringList cells;
    for (const QString &line : lines)
        cells << (previous.contains(line)
                      ? esc(line)
                      : QStringLiteral("<b>") % esc(line) % QStringLiteral("</b>"));
    return cells.join(QStringLiteral("<br>"));
}

QString eventStamp(const DomainEvent &event) {
    return small(esc(EventText::tr("Event %1 · position %2 · hash %3"))
                     .arg(code(event.id.toString(QUuid::WithoutBraces)))
                     .arg(event.position)
                     .arg(code(QString::fromLatin1(event.hash))));
}

QString problemText(const IntegrityProblem &problem) {
    QString where = problem.aggregateId.isEmpty()
                        ? QString()
                        : EventText::tr("%1 %2, version %3: ")
                              .arg(problem.aggregateType, problem.aggregateId)
                              .arg(problem.version);
    return EventText::problemKind(problem.kind) % QStringLiteral(" — ") % where % problem.detail;
}

bool isOrderHistory(const EventFilter &filter) {
    EventFilter orderOnly;
    orderOnly.aggregateType = OrderAggregate::Type;
    orderOnly.aggregateId = filter.aggregateId;
    return !filter.aggregateId.isEmpty() && filter == orderOnly;
}

// Lays out the events and collects what the digest covers.
class ReportBuilder {
public:
    ReportBuilder(OrderService &orders, const ReportRequest &request,
                  const ReportProgress &progress)
        : m_orders(orders)
        , m_request(request)
        , m_progress(progress) {}

    Result<void> orderHistory() {
        const QString &id = m_request.filter.aggregateId;
        auto history = m_orders.history(id);
        if (!history)
            return history.error();
        if (auto fits = fitsInAReport(history->size()); !fits)
            return fits;
        QStringList before;
        for (const DomainEvent &event : history.value()) {
            auto at = m_orders.order(id, event.metadata.version);
            if (!at)
                return at.error();
            const QStringList after = stateLines(*at.value());
            m_html << heading(3, EventText::tr("Version %1 · %2 · %3")
                                     .arg(event.metadata.version)
                                     .arg(EventText::utcTime(event.metadata.timestamp),
                                          event.metadata.userId))
                   << paragraph(esc(EventText::summary(event)))
                   << tableStart() % QStringLiteral("<tr><th width=\"50%\">") %
                          esc(EventText::tr("Before")) % QStringLiteral("</th><th>") %
                          esc(EventText::tr("After")) % QStringLiteral("</th></tr><tr><td>") %
                          (before.isEmpty() ? esc(EventText::tr("(no order yet)"))
                                            : stateCell(before, before)) %
                          QStringLiteral("</td><td>") % stateCell(after, before) %
                          QStringLiteral("</td></tr></table>")
                   << eventStamp(event);
            if (auto shown = shownOne(event, history->size()); !shown)
                return shown;
            before = after;
        }
        return {};
    }

    Result<void> matchingEvents() {
        auto total = m_orders.countEvents(m_request.filter);
        if (!total)
            return total.error();
        if (auto fits = fitsInAReport(total.value()); !fits)
            return fits;
        if (total.value() == 0)
            m_html << paragraph(esc(EventText::tr("No event matches.")));
        qint64 from = 0;
        for (;;) {
            auto page = m_orders.events(m_request.filter, from, EventsPerPage);
            if (!page)
                return page.error();
            for (const DomainEvent &event : page.value()) {
                m_html << QStringLiteral("<p><b>") %
                              esc(EventText::tr("#%1 · %2 · %3 %4 version %5")
                                      .arg(event.position)
                                      .arg(EventText::utcTime(event.metadata.timestamp),
                                           event.aggregateType, event.aggregateId)
                                      .arg(event.metadata.version)) %
                              QStringLiteral("</b><br>") % esc(EventText::describe(event)) %
                              QStringLiteral("<br><span style=\"font-size: small; color: "
                                             "#444\">") %
                              esc(EventText::tr("hash %1"))
                                  .arg(code(QString::fromLatin1(event.hash))) %
                              QStringLiteral("</span></p>");
                if (auto shown = shownOne(event, total.value()); !shown)
                    return shown;
            }
            if (page->size() < EventsPerPage)
                return {};
            from = page->back().position;
        }
    }

    QStringList &html() { return m_html; }
    qint64 shown() const { return m_shown; }
    Sha256 &digest() { return m_digest; }

private:
    Result<void> fitsInAReport(qint64 events) {
        if (events > MaxReportEvents)
            return Error::invalid(
                QStringLiteral("the filters select %1 events; a report shows at most %2: narrow "
                               "them (CSV export takes any number)")
                    .arg(events)
                    .arg(MaxReportEvents));
        return {};
    }

    Result<void> shownOne(const DomainEvent &event, qint64 total) {
        ++m_shown;
        m_digest.addNetstring(QByteArray::number(event.position));
        m_digest.addNetstring(event.hash);
        if (m_progress && !m_progress(m_shown, total))
            return Error::invalid(QStringLiteral("cancelled"));
        return {};
    }

    OrderService &m_orders;
    const ReportRequest &m_request;
    const ReportProgress &m_progress;
    QStringList m_html;
    qint64 m_shown = 0;
    Sha256 m_digest;
};

} // namespace

std::unique_ptr<QTextDocument> orderDocument(const OrderAggregate &order, const DomainEvent &head) {
    const auto totals = order.totals();
    QStringList html{heading(1, EventText::tr("Order %1").arg(order.id()))};
    html << paragraph(
        esc(EventText::tr("Version %1 · %2 (UTC) · %3")
                .arg(order.version())
                .arg(EventText::utcTime(head.metadata.timestamp),
                     order.status() ? EventText::status(*order.status()) : QString())));
    html << paragraph(
        esc(EventText::tr("Customer: %1")
                .arg(EventText::customer(order.customerId(), order.customerName()))) %
        QStringLiteral("<br>") %
        esc(order.shippingAddress().isUndefined()
                ? EventText::tr("No shipping address")
                : EventText::tr("Ship to: %1").arg(EventText::address(order.shippingAddress()))) %
        QStringLiteral("<br>") % esc(EventText::tr("Currency: %1").arg(order.currency())));

    const QString cell = QStringLiteral("<td class=\"n\">");
    QString table = tableStart() % QStringLiteral("<tr>");
    const QStringList headers{EventText::tr("Product"),    EventText::tr("Quantity"),
                              EventText::tr("Unit price"), EventText::tr("Discount"),
                              EventText::tr("Net"),        EventText::tr("Tax rate"),
                              EventText::tr("Tax"),        EventText::tr("Gross")};
    for (qsizetype i = 0; i < headers.size(); ++i)
        table += (i == 0 ? QStringLiteral("<th>") : QStringLiteral("<th class=\"n\">")) %
                 esc(headers.at(i)) % QStringLiteral("</th>");
    table += QStringLiteral("</tr>");
    for (qsizetype i = 0; i < order.items().size(); ++i) {
        const OrderItem &item = order.items().at(i);
        const PricedLine *priced = totals ? &totals->lines.at(i) : nullptr;
        const auto amount = [&](Money PricedLine::*field) {
            return priced ? esc((priced->*field).toString()) : QStringLiteral("—");
        };
        QString discount;
        if (priced && (priced->lineDiscount.cents() != 0 || priced->orderDiscount.cents() != 0)) {
            const auto both = priced->lineDiscount.plus(priced->orderDiscount);
            discount = both ? esc(both->toString()) : QStringLiteral("—");
        }
        table += QStringLiteral("<tr><td>") % esc(item.name) % QStringLiteral("<br>") %
                 code(item.productId) % QStringLiteral("</td>") % cell %
                 QLocale().toString(item.quantity) % QStringLiteral("</td>") % cell %
                 esc(item.price.toString()) % QStringLiteral("</td>") % cell % discount %
                 QStringLiteral("</td>") % cell % amount(&PricedLine::net) %
                 QStringLiteral("</td>") % cell % esc(item.taxRate) % QStringLiteral(" %</td>") %
                 cell % amount(&PricedLine::tax) % QStringLiteral("</td>") % cell %
                 amount(&PricedLine::gross) % QStringLiteral("</td></tr>");
    }
    // The totals close the lines table, under the gross column, as on an invoice.
    const auto sum = [&](const QString &label, const QString &value) {
        table += QStringLiteral("<tr><td colspan=\"7\" class=\"n\">") % esc(label) %
                 QStringLiteral("</td><td class=\"n\">") % esc(value) %
                 QStringLiteral("</td></tr>");
    };
    if (totals && !order.items().isEmpty()) {
        if (totals->discount.cents() != 0)
            sum(EventText::tr("Discounts"), totals->discount.toString());
        sum(EventText::tr("Net"), totals->net.toString());
        for (auto it = totals->taxByRate.begin(); it != totals->taxByRate.end(); ++it)
            sum(EventText::tr("Tax %1 %").arg(it.key()), it.value().toString());
        sum(EventText::tr("Gross (%1)").arg(order.currency()), totals->gross.toString());
    }
    table += QStringLiteral("</table>");
    html << (order.items().isEmpty() ? paragraph(esc(EventText::tr("No lines."))) : table);
    if (!order.orderDiscount().isNone())
        html << paragraph(esc(EventText::tr("Discount on the whole order: %1")
                                  .arg(EventText::discount(order.orderDiscount()))));
    if (!totals)
        html << paragraph(esc(EventText::totals(totals, order.currency())));
    if (!order.cancelReason().isEmpty())
        html << paragraph(esc(EventText::tr("Cancelled: %1").arg(order.cancelReason())));
    if (!order.carrier().isEmpty() || !order.trackingNumber().isEmpty())
        html << paragraph(esc(EventText::tr("Shipped with %1, tracking number %2")
                                  .arg(order.carrier(), order.trackingNumber())));
    html << small(esc(EventText::tr("Order %1 · version %2 · event hash %3"))
                      .arg(esc(order.id()))
                      .arg(order.version())
                      .arg(code(QString::fromLatin1(head.hash))));
    return document(html.join(u'\n'));
}

Result<OrderVersion> orderToPrint(OrderService &orders, const QString &id,
                                  std::optional<qint64> version) {
    if (!version) {
        auto newest = orders.orderLength(id);
        if (!newest)
            return newest.error();
        if (newest.value() == 0)
            return Error::notFound(QStringLiteral("Order %1 does not exist").arg(id));
        version = newest.value();
    }
    return orders.orderVersion(id, *version);
}

Result<QByteArray> writePdf(const QTextDocument &document, const QString &title,
                            const QString &path) {
    QByteArray pdf;
    {
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("OrderTrail " OT_VERSION));
        writer.setPageSize(QPageSize(QPageSize::A4));
        document.print(&writer);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit())
        return Error::invalid(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Sha256::hash(pdf).toHex();
}

Result<ReportWritten> writeEvidenceReport(OrderService &orders, const ReportRequest &request,
                                          const QString &path, const ReportProgress &progress) {
    std::optional<Checkpoint> checkpoint = request.checkpoint;
    QString checkpointText;
    if (request.anchor) {
        checkpointText = request.anchor->checkpoint.toString();
    } else if (checkpoint) {
        checkpointText = checkpoint->toString();
    } else {
        auto ledger = orders.checkpointLedger();
        if (!ledger)
            return ledger.error();
        if (!ledger->isEmpty()) {
            checkpoint = ledger->last().checkpoint;
            checkpointText = checkpoint->toString();
        }
    }

    const qint64 generatedAt = QDateTime::currentMSecsSinceEpoch();
    const bool orderReport = isOrderHistory(request.filter);
    const QString subject =
        orderReport ? EventText::tr("the history of order %1").arg(request.filter.aggregateId)
                    : EventText::filter(request.filter);
    ReportBuilder builder(orders, request, progress);
    builder.digest().addNetstring("ordertrail-evidence-1");
    builder.digest().addNetstring(subject.toUtf8());
    builder.digest().addNetstring(request.requestedBy.toUtf8());
    builder.digest().addNetstring(EventText::utcTime(generatedAt).toUtf8());

    QStringList &html = builder.html();
    html << heading(1, EventText::tr("Evidence report"))
         << paragraph(esc(EventText::tr("Asked for: %1").arg(subject)) % QStringLiteral("<br>") %
                      esc(EventText::tr("Asked by %1 at %2 (UTC), from %3")
                              .arg(request.requestedBy, EventText::utcTime(generatedAt),
                                   orders.url().toString())) %
                      QStringLiteral("<br>") %
                      esc(EventText::tr("Made by OrderTrail %1").arg(QStringLiteral(OT_VERSION))))
         << heading(2, EventText::tr("Events"));
    if (auto laidOut = orderReport ? builder.orderHistory() : builder.matchingEvents(); !laidOut)
        return laidOut.error();

    auto verified = orders.verify(OrderService::Verify::Deep, progress, checkpoint, request.anchor);
    if (!verified)
        return verified.error();
    if (verified->cancelled)
        return Error::invalid(QStringLiteral("cancelled"));
    const IntegrityReport &report = verified.value();
    builder.digest().addNetstring(canonicalJson(json::verifyReport(report)));
    builder.digest().addNetstring(checkpointText.toUtf8());

    html << heading(2, EventText::tr("Integrity"))
         << paragraph(esc(
                report.intact()
                    ? EventText::tr("Intact. A deep verify checked %1 events in %2 streams: every "
                                    "hash chain, and every stream replayed through the rules.")
                          .arg(QLocale().toString(report.eventsChecked),
                               QLocale().toString(report.streamsChecked))
                    : EventText::tr("NOT INTACT. A deep verify checked %1 events in %2 streams "
                                    "and found %3 problems:")
                          .arg(QLocale().toString(report.eventsChecked),
                               QLocale().toString(report.streamsChecked),
                               QLocale().toString(report.problems.size()))));
    for (const IntegrityProblem &problem : report.problems)
        html << paragraph(esc(problemText(problem)));
    if (checkpointText.isEmpty()) {
        html << paragraph(esc(EventText::tr("No checkpoint: the ledger holds none and none was "
                                            "given, so events cut off the end of a stream could "
                                            "go unnoticed.")));
    } else {
        html << paragraph(
            esc(request.anchor ? EventText::tr("Checked against the signed checkpoint below, its "
                                               "signature by key %1 and the ledger before it:")
                                     .arg(QString::fromLatin1(request.anchor->key.fingerprint()))
                : request.checkpoint
                    ? EventText::tr("Checked against the checkpoint below:")
                    : EventText::tr("Checked against the newest checkpoint of the ledger (its "
                                    "signature not checked: no public key was given):")) %
            QStringLiteral("<br>") % code(checkpointText));
    }

    ReportWritten written;
    written.events = builder.shown();
    written.intact = report.intact();
    written.evidenceDigest = builder.digest().result().toHex();
    html << heading(2, EventText::tr("Digest"))
         << paragraph(esc(EventText::tr("SHA-256 of the evidence (what was asked, by whom and "
                                        "when, the position and hash of each event shown, the "
                                        "verify result and the checkpoint):")) %
                      QStringLiteral("<br>") % code(QString::fromLatin1(written.evidenceDigest)));

    auto doc = document(html.join(u'\n'));
    auto file = writePdf(*doc, EventText::tr("OrderTrail evidence report: %1").arg(subject), path);
    if (!file)
        return file.error();
    written.fileDigest = file.value();
    return written;
}

AccessRecord reportAccess(const ReportRequest &request, const Result<ReportWritten> &written) {
    AccessRecord record{AccessAction::PdfReport,
                        AccessOutcome::Done,
                        AccessRecord::scopeOf(request.filter),
                        0,
                        {},
                        {}};
    record.checkedAgainst(request.checkpoint, request.anchor);
    if (written) {
        record.events = written->events;
        record.digest = written->fileDigest;
        record.detail = written->intact ? QStringLiteral("history intact")
                                        : QStringLiteral("history not intact");
    } else {
        record.endedWith(written.error());
    }
    return record;
}

AccessRecord printAccess(const QString &orderId, qint64 version, const Result<QByteArray> &digest) {
    AccessRecord record{AccessAction::OrderPrint,
                        AccessOutcome::Done,
                        {{QStringLiteral("order"), orderId}},
                        0,
                        {},
                        {}};
    if (version > 0)
        record.scope.insert(QStringLiteral("version"), QString::number(version));
    if (digest) {
        record.events = version;
        record.digest = digest.value();
    } else {
        record.endedWith(digest.error());
    }
    return record;
}

} // namespace ot
