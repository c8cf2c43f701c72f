#include "CsvExport.h"

#include "es/EventHash.h"
#include "es/Sealed.h"
#include "storage/PrivateFiles.h"
#include "store/EventStore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace ot {

namespace {

constexpr int PageSize = 2000;

bool looksLikeFormula(QByteArrayView cell) {
    if (cell.isEmpty())
        return false;
    const char first = cell.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
           first == '\r';
}

// Writes through a raw pointer into room reserved beforehand: QByteArray::append per piece
// cost more than the rest of an export's formatting.
char *writeCell(char *out, QByteArrayView cell, bool neutraliseFormulas) {
    const bool quote = std::any_of(cell.begin(), cell.end(), [](char c) {
        return c == ',' || c == '"' || c == '\n' || c == '\r';
    });
    if (quote)
        *out++ = '"';
    if (neutraliseFormulas && looksLikeFormula(cell))
        *out++ = '\'';
    if (!quote)
        return std::copy(cell.begin(), cell.end(), out);
    for (const char c : cell) {
        if (c == '"')
            *out++ = '"';
        *out++ = c;
    }
    *out++ = '"';
    return out;
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

void appendCsvRecord(QByteArray &out, std::span<const QByteArray> cells, bool neutraliseFormulas) {
    // Room for the worst case: a byte becomes at most three (a bad byte a U+FFFD, a quote two),
    // and a cell gains at most an apostrophe, two quotes and a comma.
    qsizetype room = 2;
    for (const QByteArray &cell : cells)
        room += 3 * cell.size() + 4;
    const qsizetype start = out.size();
    out.resize(start + room);
    char *p = out.data() + start;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            *p++ = ',';
        if (cells[i].isValidUtf8()) {
            p = writeCell(p, cells[i], neutraliseFormulas);
        } else {
            // Decoded as a whole, a leading U+FEFF stays part of the cell.
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            p = writeCell(p, QString(decoder.decode(cells[i])).toUtf8(), neutraliseFormulas);
        }
    }
    *p++ = '\r';
    *p++ = '\n';
    out.truncate(p - out.constData());
}

namespace {

// The page's data with personal data opened (or erased); rows without any are left as stored.
Result<void> revealPage(QList<StoredEvent> &page, Keyring *keys) {
    QSet<QString> subjects;
    QHash<qsizetype, QJsonObject> parsed;
    for (qsizetype i = 0; i < page.size(); ++i) {
        if (!page.at(i).data.contains("\"sealed\""))
            continue;
        const QJsonObject data = QJsonDocument::fromJson(page.at(i).data).object();
        sealed::collectSubjects(data, subjects);
        parsed.insert(i, data);
    }
    if (parsed.isEmpty())
        return {};
    QHash<QString, QByteArray> found;
    if (keys) {
        auto read = keys->keys(subjects);
        if (!read)
            return read.error();
        found = read.value();
    }
    for (auto it = parsed.cbegin(); it != parsed.cend(); ++it)
        page[it.key()].data = canonicalJson(sealed::reveal(it.value(), found).toObject());
    return {};
}

} // namespace

Result<qint64> writeEventsCsv(EventStore &store, Keyring *keys, const EventFilter &filter,
                              QIODevice &out, const CsvOptions &options,
                              const CsvProgress &progress) {
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
    {
        QList<QByteArray> names;
        for (const QString &name : csvHeader())
            names << name.toUtf8();
        QByteArray header;
        appendCsvRecord(header, names, false);
        if (auto ok = write(header); !ok)
            return ok.error();
    }
    qint64 written = 0;
    qint64 after = 0;
    QByteArray chunk;
    for (;;) {
        auto page = store.readStored(filter, after, PageSize);
        if (!page)
            return page.error();
        if (auto revealed = revealPage(page.value(), keys); !revealed)
            return revealed.error();
        chunk.clear();
        for (const StoredEvent &e : page.value()) {
            const std::array cells{QByteArray::number(e.position),
                                   isoTimestamp(e.recordedAt).toLatin1(),
                                   e.aggregateType,
                                   e.aggregateId,
                                   QByteArray::number(e.version),
                                   e.type,
                                   e.userId,
                                   e.correlationId,
                                   e.causationId,
                                   e.id,
                                   e.data,
                                   e.hash};
            appendCsvRecord(chunk, cells, options.neutraliseFormulas);
        }
        if (auto ok = write(chunk); !ok)
            return ok.error();
        written += page->size();
        if (progress && !progress(written, total.value()))
            return Error::invalid(QStringLiteral("cancelled"));
        if (page->size() < PageSize)
            return written;
        after = page->back().position;
    }
}

Result<qint64> exportEventsCsv(EventStore &store, Keyring *keys, const EventFilter &filter,
                               const QString &path, const CsvOptions &options,
                               const CsvProgress &progress) {
    // QSaveFile gives the new file the permissions of the one it replaces, and otherwise makes
    // it as open as the umask allows: a new export is private (PrivateFiles.h), set before a
    // byte of the history is written into it.
    const bool replaces = QFileInfo::exists(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        (!replaces && !file.setPermissions(PrivateFilePermissions)))
        return Error::storage(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    auto written = writeEventsCsv(store, keys, filter, file, options, progress);
    if (!written) {
        file.cancelWriting();
        return written.error();
    }
    if (!file.commit())
        return Error::storage(QStringLiteral("cannot save %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace ot
