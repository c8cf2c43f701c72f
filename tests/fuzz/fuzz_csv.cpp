// libFuzzer target: appendCsvRecord, which writes every record of a CSV export. A file as
// writeEventsCsv lays it out (an optional UTF-8 BOM, the header, then one record per row)
// whatever its cells hold (any bytes, quotes, commas, CR and LF, formula characters) is valid
// UTF-8 and strict RFC 4180, and the reader below gets back exactly the cells given: as they
// were, or with the leading apostrophe of the documented formula guard (cells starting with =,
// +, -, @, tab or CR, when the guard is on).
//
// Input: one byte of options (bit 0 the formula guard, bit 1 the BOM), then the rows,
// separated by 0xFE, their cells separated by 0xFF. A cell is given to the writer as its bytes,
// which need not be UTF-8: the writer promises U+FFFD for each invalid sequence. What is read
// back must be the UTF-8 of the expected cell, byte for byte.

#include "audit/CsvExport.h"

#include <QStringDecoder>

#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace ot;

namespace {

using Records = QList<QList<QByteArray>>;

[[noreturn]] void fail(const char *what, const QByteArray &written) {
    std::fprintf(stderr, "fuzz_csv: %s\n  written: %s\n", what,
                 written.left(2000).toPercentEncoding(" ,\"=+-@'").constData());
    std::abort();
}

// A strict RFC 4180 reader: every record ends in CRLF; a field is either quoted (a quote
// inside doubled, anything else as it is) or holds no quote, comma, CR or LF. nullopt for
// anything else.
std::optional<Records> readCsv(const QByteArray &bytes) {
    Records records;
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n) {
        QList<QByteArray> record;
        for (;;) {
            QByteArray field;
            if (i < n && bytes[i] == '"') {
                for (++i;; ++i) {
                    if (i == n)
                        return std::nullopt;
                    if (bytes[i] == '"') {
                        if (i + 1 == n || bytes[i + 1] != '"')
                            break;
                        ++i;
                    }
                    field += bytes[i];
                }
                ++i;
            } else {
                for (; i < n && bytes[i] != ',' && bytes[i] != '\r'; ++i) {
                    if (bytes[i] == '"' || bytes[i] == '\n')
                        return std::nullopt;
                    field += bytes[i];
                }
            }
            record.append(field);
            if (i < n && bytes[i] == ',') {
                ++i;
                continue;
            }
            if (i + 1 < n && bytes[i] == '\r' && bytes[i + 1] == '\n') {
                i += 2;
                break;
            }
            return std::nullopt;
        }
        records.append(record);
    }
    return records;
}

// QString::fromUtf8 would drop a leading U+FEFF as a byte order mark; a cell may start with one.
QString decode(const QByteArray &bytes) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

// What the export's documentation promises for a cell, written independently of the writer.
QString guarded(const QString &cell) {
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!cell.isEmpty() && formulaStarts.contains(cell.front()))
        return u'\'' + cell;
    return cell;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    const bool guard = data[0] & 1;
    const bool bom = data[0] & 2;
    const QByteArray rows(reinterpret_cast<const char *>(data) + 1,
                          static_cast<qsizetype>(size) - 1);

    const QByteArray bomBytes = QByteArrayLiteral("\xEF\xBB\xBF");
    QByteArray written = bom ? bomBytes : QByteArray();
    Records expected(1);
    for (const QString &name : csvHeader())
        expected.front().append(name.toUtf8());
    appendCsvRecord(written, expected.front(), false);
    for (const QByteArray &row : rows.split('\xFE')) {
        const QList<QByteArray> cells = row.split('\xFF');
        QList<QByteArray> expectedCells;
        for (const QByteArray &bytes : cells) {
            const QString cell = decode(bytes);
            expectedCells.append((guard ? guarded(cell) : cell).toUtf8());
        }
        appendCsvRecord(written, cells, guard);
        expected.append(expectedCells);
    }

    if (!written.isValidUtf8())
        fail("the file is not valid UTF-8", written);
    // As a spreadsheet reads it: a BOM at the start is not part of the first cell.
    const auto records = readCsv(written.startsWith(bomBytes) ? written.mid(3) : written);
    if (!records)
        fail("the file is not RFC 4180", written);
    if (records.value() != expected)
        fail("the file reads back to other cells", written);
    return 0;
}
