#pragma once

#include "es/EventStore.h"
#include "es/Result.h"

#include <QIODevice>
#include <QStringList>

#include <functional>

namespace ot {

struct CsvOptions {
    // A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
    // return) gets a leading apostrophe, so opening an export never runs what an event holds.
    bool neutraliseFormulas = true;
    bool byteOrderMark = false; // for Excel, which otherwise guesses a legacy code page
};

// One RFC 4180 record: cells quoted where they hold a comma, quote or line break, quotes
// doubled, CRLF at the end.
QByteArray csvRecord(const QStringList &cells, bool neutraliseFormulas);

// The columns of an export, one row per event.
QStringList csvHeader();

// Writes every event that matches `filter`, oldest first, a page at a time (constant memory),
// with the data as stored. `progress(done, total)` runs after each page; returning false
// cancels. Returns the number of events written.
using CsvProgress = std::function<bool(qint64 done, qint64 total)>;
Result<qint64> writeEventsCsv(EventStore &store, const EventFilter &filter, QIODevice &out,
                              const CsvOptions &options, const CsvProgress &progress = {});

// The same into `path` through QSaveFile: a cancelled or failed export leaves no half file,
// and an older file of that name untouched. Cancelling gives an Invalid error "cancelled".
Result<qint64> exportEventsCsv(EventStore &store, const EventFilter &filter, const QString &path,
                               const CsvOptions &options, const CsvProgress &progress = {});

} // namespace ot
