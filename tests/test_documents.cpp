// The documents an auditor hands over, on each backend, read back as text with pdftotext: the
// evidence report of an order (every event in words, the state before and after each) and of
// an audit filter, with the deep verify's result, the checkpoint and the evidence's digest,
// which the test recomputes from what the report shows; a report of altered history says so;
// a cancelled one writes nothing. The printed order at a version carries its lines, totals and
// stamp. The CLI's report and print are driven as a user would.
#include "Documents.h"
#include "TestSupport.h"
#include "es/EventHash.h"
#include "es/Sha256.h"
#include "service/Json.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextDocument>

using namespace ot;
using namespace ot::test;

namespace {

QByteArray fileSha256(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? Sha256::hash(file.readAll()).toHex() : QByteArray();
}

} // namespace

class TestDocuments : public QObject {
    Q_OBJECT

    TestBackend m_backend;
    QTemporaryDir m_dir;

    // A database of a few demo orders with a checkpoint in its ledger.
    DatabaseUrl demoDatabase() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        if (!service->addDemoOrders(4, 7, QStringLiteral("demo")))
            qFatal("cannot add demo orders");
        const QString keyPath = m_dir.filePath(QStringLiteral("key-%1").arg(++m_keys));
        if (!SigningKey::generate().value().save(keyPath) ||
            !service->recordCheckpoint(SigningKey::load(keyPath).value(), QStringLiteral("carol")))
            qFatal("cannot record a checkpoint");
        return url;
    }
    int m_keys = 0;

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext is missing: install poppler-utils (tools/deps.sh does)");
    }

    // An order's report: each event in words with who and when, the state before and after
    // it, the verify result, the ledger's newest checkpoint, and a digest that is exactly the
    // documented one over what the report shows.
    void orderReportShowsEveryStepAndItsDigest() {
        const DatabaseUrl url = demoDatabase();
        auto service = openService(url);
        const QString id = QStringLiteral("ORD-000002");
        const QList<DomainEvent> history = service->history(id).value();
        QVERIFY(history.size() >= 3);
        const QString path = m_dir.filePath(QStringLiteral("order.pdf"));
        ReportRequest request;
        request.filter.aggregateType = OrderAggregate::Type;
        request.filter.aggregateId = id;
        request.requestedBy = QStringLiteral("auditor-ann");
        QList<qint64> progress;
        const auto written = writeEvidenceReport(*service, request, path, [&](qint64 done, qint64) {
            progress << done;
            return true;
        });
        OT_REQUIRE(written);
        QCOMPARE(written->events, history.size());
        QVERIFY(written->intact);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(written->fileDigest, fileSha256(path));

        const QString text = pdfText(path);
        QVERIFY2(text.contains(QLatin1String("Evidence report")), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("Asked for: the history of order %1").arg(id)));
        for (const DomainEvent &event : history) {
            QVERIFY2(text.contains(QStringLiteral("Version %1 · ").arg(event.metadata.version) +
                                   QDateTime::fromMSecsSinceEpoch(event.metadata.timestamp, Qt::UTC)
                                       .toString(Qt::ISODateWithMs) +
                                   QStringLiteral(" · ") + event.metadata.userId),
                     qPrintable(QString::number(event.metadata.version)));
            QVERIFY(text.contains(QString::fromLatin1(event.hash)));
        }
        QVERIFY(text.contains(QLatin1String("Before After")));
        QVERIFY(text.contains(QLatin1String("(no order yet)")));
        const auto order = service->order(id).value();
        QVERIFY(text.contains(QStringLiteral("Status: ")));
        QVERIFY(text.contains(order->items().first().name));
        QVERIFY(text.contains(QLatin1String("Intact. A deep verify checked")));
        const QString checkpoint = service->checkpointLedger().value().last().checkpoint.toString();
        QVERIFY(text.contains(checkpoint));
        QVERIFY(text.contains(QString::fromLatin1(written->evidenceDigest)));

        // The digest, recomputed from what the report shows and the documented recipe.
        const auto asked =
            QRegularExpression(QStringLiteral("Asked by auditor-ann at (\\S+) \\(UTC\\)"))
                .match(text);
        QVERIFY2(asked.hasMatch(), qPrintable(text.left(600)));
        Sha256 digest;
        digest.addNetstring("ordertrail-evidence-1");
        digest.addNetstring(QStringLiteral("the history of order %1").arg(id).toUtf8());
        digest.addNetstring("auditor-ann");
        digest.addNetstring(asked.captured(1).toUtf8());
        for (const DomainEvent &event : history) {
            digest.addNetstring(QByteArray::number(event.position));
            digest.addNetstring(event.hash);
        }
        const auto report =
            service->verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value());
        digest.addNetstring(canonicalJson(json::verifyReport(report.value())));
        digest.addNetstring(checkpoint.toUtf8());
        QCOMPARE(digest.result().toHex(), written->evidenceDigest);
    }

    // History altered behind the application's back: the report is still written, says NOT
    // INTACT and names what is wrong.
    void reportOfAlteredHistorySaysSo() {
        const DatabaseUrl url = demoDatabase();
        {
            RawConnection raw(url);
            raw.allowTampering();
            QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET user_id = 'mallory' WHERE "
                                             "aggregate_id = 'ORD-000001' AND version = 1"))
                         .isValid());
        }
        auto service = openService(url);
        ReportRequest request;
        request.filter.userId = QStringLiteral("mallory");
        request.requestedBy = QStringLiteral("auditor-ann");
        const QString path = m_dir.filePath(QStringLiteral("altered.pdf"));
        const auto written = writeEvidenceReport(*service, request, path);
        OT_REQUIRE(written);
        QVERIFY(!written->intact);
        QCOMPARE(written->events, 1);
        const QString text = pdfText(path);
        QVERIFY2(text.contains(QLatin1String("NOT INTACT")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Altered — Order ORD-000001, version 1")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Asked for: the events by mallory")));
    }

    // An audit filter's report lists exactly the events the filter selects, in words.
    void filterReportListsTheMatchingEvents() {
        const DatabaseUrl url = demoDatabase();
        auto service = openService(url);
        ReportRequest request;
        request.filter.eventType = QStringLiteral("ItemAdded");
        request.requestedBy = QStringLiteral("auditor-ann");
        const QString path = m_dir.filePath(QStringLiteral("filter.pdf"));
        const auto written = writeEvidenceReport(*service, request, path);
        OT_REQUIRE(written);
        QCOMPARE(written->events, service->countEvents(request.filter).value());
        const QString text = pdfText(path);
        QVERIFY(text.contains(QLatin1String("Asked for: the events of type ItemAdded")));
        const QList<DomainEvent> matching = service->events(request.filter, 0, 1000).value();
        QVERIFY(!matching.isEmpty());
        for (const DomainEvent &event : matching) {
            QVERIFY(text.contains(QStringLiteral("#%1 · ").arg(event.position)));
            QVERIFY2(text.contains(QString::fromLatin1(event.hash)), qPrintable(text.left(3000)));
        }
        QVERIFY(text.contains(matching.first().metadata.userId + QStringLiteral(" added")));

        // Nothing matches: still a report, saying so.
        request.filter.userId = QStringLiteral("nobody");
        OT_REQUIRE(writeEvidenceReport(*service, request, path));
        QVERIFY(pdfText(path).contains(QLatin1String("No event matches.")));
    }

    // Cancelled while laying out the events: no file, an older one intact. (Cancelled while
    // verifying: test_auditview, through the desk's export dialog.)
    void cancelledReportWritesNothing() {
        const DatabaseUrl url = demoDatabase();
        auto service = openService(url);
        const QString path = m_dir.filePath(QStringLiteral("kept.pdf"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("an older report");
        }
        ReportRequest request;
        request.requestedBy = QStringLiteral("auditor-ann");
        for (const qint64 stopAt : {qint64(1), qint64(5)}) {
            qint64 calls = 0;
            OT_EXPECT_ERROR(writeEvidenceReport(*service, request, path,
                                                [&](qint64, qint64) { return ++calls < stopAt; }),
                            ErrorCode::Invalid, QStringLiteral("cancelled"));
        }
        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("an older report"));
        QCOMPARE(QDir(m_dir.path())
                     .entryList({QStringLiteral("*.pdf")}, QDir::Files)
                     .count(QStringLiteral("kept.pdf")),
                 1);
    }

    // The order as printed at an earlier version: its lines then, totals, currency and stamp.
    void printedOrderShowsTheVersionAsked() {
        const DatabaseUrl url = demoDatabase();
        auto service = openService(url);
        const QString id = QStringLiteral("ORD-000002");
        const auto newest = service->orderLength(id).value();
        qint64 withLines = 0;
        for (qint64 v = 1; v <= newest && !withLines; ++v)
            if (!service->order(id, v).value()->items().isEmpty())
                withLines = v;
        QVERIFY(withLines > 0);
        const OrderVersion shown = service->orderVersion(id, withLines).value();
        const QString path = m_dir.filePath(QStringLiteral("printed.pdf"));
        const auto document = orderDocument(*shown.at, shown.event);
        const auto written = writePdf(*document, QStringLiteral("printed"), path);
        OT_REQUIRE(written);
        QCOMPARE(written.value(), fileSha256(path));
        const QString text = pdfText(path);
        QVERIFY2(text.contains(QStringLiteral("Order %1").arg(id)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Order %1 · version %2 · event hash %3")
                                  .arg(id)
                                  .arg(withLines)
                                  .arg(QString::fromLatin1(shown.event.hash))));
        QVERIFY(text.contains(QStringLiteral("Currency: %1").arg(shown.at->currency())));
        for (const OrderItem &item : shown.at->items())
            QVERIFY(text.contains(item.name));
        const auto totals = shown.at->totals().value();
        QVERIFY(text.contains(
            QStringLiteral("Gross (%1) %2").arg(shown.at->currency(), totals.gross.toString())));
        QVERIFY(text.contains(QStringLiteral("Net %1").arg(totals.net.toString())));
    }

    // The CLI: report and print write the PDF and say its digest; bad input writes nothing.
    void cliWritesReportsAndPrintedOrders() {
        if (m_backend.isPostgres())
            QSKIP("the CLI runs the same documents on both; once is enough");
        const DatabaseUrl url = demoDatabase();
        const QStringList db{QStringLiteral("--db"), url.toString()};
        const auto cli = [&](const QStringList &args, int *exitCode) {
            QProcess process;
            process.start(QStringLiteral(OT_CLI_PATH), db + args);
            process.waitForFinished(60000);
            *exitCode = process.exitCode();
            return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        };
        int code = -1;
        const QString report = m_dir.filePath(QStringLiteral("cli-report.pdf"));
        QJsonObject out = cli({QStringLiteral("report"), QStringLiteral("--order"),
                               QStringLiteral("ORD-000001"), QStringLiteral("--out"), report},
                              &code);
        QCOMPARE(code, 0);
        QCOMPARE(out.value(QStringLiteral("sha256")).toString().toLatin1(), fileSha256(report));
        QVERIFY(out.value(QStringLiteral("intact")).toBool());
        QVERIFY(pdfText(report).contains(out.value(QStringLiteral("evidenceSha256")).toString()));

        const QString printed = m_dir.filePath(QStringLiteral("cli-order.pdf"));
        out = cli({QStringLiteral("print"), QStringLiteral("ORD-000001"),
                   QStringLiteral("--at-version"), QStringLiteral("2"), QStringLiteral("--out"),
                   printed},
                  &code);
        QCOMPARE(code, 0);
        QCOMPARE(out.value(QStringLiteral("version")).toInteger(), 2);
        QVERIFY(pdfText(printed).contains(QStringLiteral("version 2 · event hash %1")
                                              .arg(out.value(QStringLiteral("hash")).toString())));

        const QString none = m_dir.filePath(QStringLiteral("none.pdf"));
        out = cli({QStringLiteral("print"), QStringLiteral("ORD-000001"),
                   QStringLiteral("--at-version"), QStringLiteral("999"), QStringLiteral("--out"),
                   none},
                  &code);
        QVERIFY(code != 0);
        QVERIFY2(out.value(QStringLiteral("error")).toString().contains(QLatin1String("999")) ||
                     out.value(QStringLiteral("error")).toString().contains(QLatin1String("only")),
                 qPrintable(out.value(QStringLiteral("error")).toString()));
        out = cli(
            {QStringLiteral("print"), QStringLiteral("ORD-NOPE"), QStringLiteral("--out"), none},
            &code);
        QCOMPARE(code, 1);
        out =
            cli({QStringLiteral("report"), QStringLiteral("--order"), QStringLiteral("ORD-000001")},
                &code);
        QCOMPARE(code, 2);
        QVERIFY(out.value(QStringLiteral("error")).toString().contains(QLatin1String("--out")));
        QVERIFY(!QFile::exists(none));
    }
};

QTEST_MAIN(TestDocuments)
#include "test_documents.moc"
