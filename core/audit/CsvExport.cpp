#include "CsvExport.h"

#include <QSaveFile>

namespace ot {

namespace {

constexpr int PageSize = 2000;

bool looksLikeFormula(const QString &cell) {
    if (cell.isEmpty())
        return false;
    const QChar first = cell.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' ||
           first == u'\r';
}

} // namespace

QStringList csvHeader() {
    return {QStringLiteral("position"),       QStringLiteral("recorded_at"),
            QStringLiteral("aggregate_type"), QStringLiteral("aggregate_id"),
            QStringLiteral("version"),        QStringLiteral("event_type"),
            QStringLiteral("user_id"),        QStringLiteral("correlation_id"),
            QStringLiteral("causation_id"),   QStringLiteral("event_id"),
            QStringLiteral("data"),           QStringLiteral("hash")};
}

QByteArray csvRecord(const QStringList &cells, bool neutraliseFormulas) {
    QByteArray record;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            record += ',';
        QString cell = cells.at(i);
        if (neutraliseFormulas && looksLikeFormula(cell))
            cell.prepend(u'\'');
        const bool quote = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') ||
                           cell.contains(u'\r');
        if (quote) {
            cell.replace(u'"', QStringLiteral("\"\""));
            record += '"' + cell.toUtf8() + '"';
        } else {
            record += cell.toUtf8();
        }
    }
    record += "\r\n";
    return record;
}

Result<qint64> writeEventsCsv(EventStore &store, const EventFilter &filter, QIODevice &out,
                              const CsvOptions &options, const CsvProgress &progress) {
    auto total = store.count(filter);
    if (!total)
        return total.error();
    const auto write = [&](const QByteArray &bytes) -> Result<void> {
        if (out.write(bytes) != bytes.size())
            return Error::storage(
                QStringLiteral("cannot write the export: %1").arg(out.errorString()));
        return {};
    };
    if (options.byteOrderMark) {
        if (auto ok = write(QByteArrayLiteral("\xEF\xBB\xBF")); !ok)
            return ok.error();
    }
    if (auto ok = write(csvRecord(csvHeader(), false)); !ok)
        return ok.error();
    qint64 written = 0;
    qint64 after = 0;
    for (;;) {
        QList<QByteArray> data; // as stored: copied, never parsed
        auto page = store.readAll(filter, after, PageSize, Direction::OldestFirst,
                                  EventStore::Shape::Stored, &data);
        if (!page)
            return page.error();
        for (qsizetype i = 0; i < page->size(); ++i) {
            const DomainEvent &e = page->at(i);
            const QStringList cells{QString::number(e.position),
                                    isoTimestamp(e.metadata.timestamp),
                                    e.aggregateType,
                                    e.aggregateId,
                                    QString::number(e.metadata.version),
                                    e.type,
                                    e.metadata.userId,
                                    e.metadata.correlationId,
                                    e.metadata.causationId,
                                    e.id.toString(QUuid::WithoutBraces),
                                    QString::fromUtf8(data.at(i)),
                                    QString::fromLatin1(e.hash)};
            if (auto ok = write(csvRecord(cells, options.neutraliseFormulas)); !ok)
                return ok.error();
        }
        written += page->size();
        if (progress && !progress(written, total.value()))
            return Error::invalid(QStringLiteral("cancelled"));
        if (page->size() < PageSize)
            return written;
        after = page->back().position;
    }
}

Result<qint64> exportEventsCsv(EventStore &store, const EventFilter &filter, const QString &path,
                               const CsvOptions &options, const CsvProgress &progress) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::storage(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    auto written = writeEventsCsv(store, filter, file, options, progress);
    if (!written) {
        file.cancelWriting();
        return written.error();
    }
    if (!file.commit())
        return Error::storage(QStringLiteral("cannot save %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace ot
