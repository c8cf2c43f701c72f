#pragma once

#include "es/EventQuery.h"
#include "es/Result.h"

#include <QIODevice>
#include <QStringList>

#include <functional>
#include <span>

namespace ot {

class EventStore;
class Keyring;

struct CsvOptions {
    // A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
    // return) gets a leading apostrophe, so opening an export never runs what an event holds.
    bool neutraliseFormulas = true;
    bool byteOrderMark = false; // for Excel, which otherwise guesses a legacy code page
};

// Appends one RFC 4180 record of UTF-8 cells to `out`: cells quoted where they hold a comma,
// quote or line break, quotes doubled, CRLF at the end. Bytes that are not UTF-8 are written as
// U+FFFD, so the file is always UTF-8.
void appendCsvRecord(QByteArray &out, std::span<const QByteArray> cells, bool neutraliseFormulas);

// The columns of an export, one row per event.
QStringList csvHeader();

// Writes every event that matches `filter`, oldest first, a page at a time (constant memory),
// with the data as stored, but personal data in it opened with `keys` (or shown erased where
// its key is gone, or where there are no `keys`; es/Sealed.h). `progress(done, total)` runs after
// each page; returning false cancels. Returns the number of events written.
using CsvProgress = std::function<bool(qint64 done, qint64 total)>;
Result<qint64> writeEventsCsv(EventStore &store, Keyring *keys, const EventFilter &filter,
                              QIODevice &out, const CsvOptions &options,
                              const CsvProgress &progress = {});

// The same into `path` through QSaveFile: a cancelled or failed export leaves no half file,
// and an older file of that name untouched. A new file is private (PrivateFiles.h); a file
// replaced keeps its permissions. Cancelling gives an Invalid error "cancelled".
Result<qint64> exportEventsCsv(EventStore &store, Keyring *keys, const EventFilter &filter,
                               const QString &path, const CsvOptions &options,
                               const CsvProgress &progress = {});

} // namespace ot
