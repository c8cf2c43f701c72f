// Signed, chained checkpoints on each backend: Ed25519 keys that refuse any changed byte, a
// ledger in the event store whose checkpoints each link to the one before, and a verify that,
// handed a checkpoint and the signer's public key, names a forged, dropped, reordered or
// foreign-signed checkpoint and history changed before any of them. The CLI's keygen, signed
// checkpoint, ledger, job and verify are driven as a user would.
#include "TestSupport.h"
#include "audit/CheckpointLedger.h"
#include "audit/Signing.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>

using namespace ot;
using namespace ot::test;

namespace {

QString flipped(QString text, qsizetype at) {
    text[at] = text.at(at) == u'0' ? u'1' : u'0';
    return text;
}

} // namespace

class TestCheckpoints : public QObject {
    Q_OBJECT

    TestBackend m_backend;
    QTemporaryDir m_dir;

    SigningKey key(const QString &name) {
        const QString path = m_dir.filePath(name);
        if (!QFile::exists(path)) {
            if (auto saved = SigningKey::generate().value().save(path); !saved)
                qFatal("cannot save a key: %s", qPrintable(saved.error().message));
        }
        return SigningKey::load(path).value();
    }
    // A checkpoint signed by each of `keys` in turn, each after a few more orders.
    QList<SignedCheckpoint> record(OrderService &service, const QList<SigningKey> &keys) {
        QList<SignedCheckpoint> recorded;
        for (const SigningKey &signer : keys) {
            if (!service.addDemoOrders(2, quint32(recorded.size() + 1), QStringLiteral("demo")))
                qFatal("cannot add orders");
            // On PostgreSQL a checkpoint ends below the oldest transaction still running in the
            // cluster, another test's too: wait until it holds every event, so that the tests
            // below know what it covers.
            const QDeadlineTimer deadline(30'000);
            while (service.checkpoint().value().events != service.countEvents({}).value()) {
                if (deadline.hasExpired())
                    qFatal("no checkpoint covered every event");
                QThread::msleep(20);
            }
            auto taken = service.recordCheckpoint(signer, QStringLiteral("auditor"));
            if (!taken)
                qFatal("cannot record: %s", qPrintable(taken.error().message));
            recorded.append(taken.value());
        }
        return recorded;
    }
    static QString problems(const IntegrityReport &report) {
        QStringList details;
        for (const IntegrityProblem &p : report.problems)
            details << p.detail;
        return details.join(u'\n');
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
    }

    // The private key is its owner's alone; any changed byte of a message or a signature fails.
    void keysSignAndRefuseAnyChange() {
        const QString path = m_dir.filePath(QStringLiteral("alone"));
        OT_REQUIRE(SigningKey::generate().value().save(path));
        QCOMPARE(QFile::permissions(path) &
                     ~(QFile::ReadUser | QFile::WriteUser | QFile::ReadOwner | QFile::WriteOwner),
                 QFile::Permissions());
        OT_EXPECT_ERROR(SigningKey::generate().value().save(path), ErrorCode::Invalid,
                        QStringLiteral("never overwritten"));
        const SigningKey signer = SigningKey::load(path).value();
        const PublicKey verifier = PublicKey::load(path + QStringLiteral(".pub")).value();
        QCOMPARE(verifier.fingerprint(), signer.publicKey().fingerprint());
        const QByteArray message = "ot2:the history as it was";
        const QByteArray signature = signer.sign(message);
        QVERIFY(verifier.verifies(message, signature));
        for (qsizetype i = 0; i < message.size(); ++i) {
            QByteArray changed = message;
            changed[i] = char(changed[i] ^ 1);
            QVERIFY(!verifier.verifies(changed, signature));
        }
        for (qsizetype i = 0; i < signature.size(); ++i)
            QVERIFY(
                !verifier.verifies(message, flipped(QString::fromLatin1(signature), i).toLatin1()));
        OT_EXPECT_ERROR(PublicKey::load(path), ErrorCode::Invalid, QStringLiteral("public key"));
        OT_EXPECT_ERROR(SigningKey::load(path + QStringLiteral(".pub")), ErrorCode::Invalid,
                        QStringLiteral("signing key"));
    }

    // Every checkpoint links to the one before; verify handed the last one is content, and so
    // is a deep check, which replays the ledger through its rule.
    void ledgerLinksSignedCheckpoints() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        const SigningKey auditor = key(QStringLiteral("auditor"));
        const QList<SignedCheckpoint> taken = record(*service, {auditor, auditor, auditor});
        const QList<SignedCheckpoint> ledger = service->checkpointLedger().value();
        QCOMPARE(ledger.size(), 3);
        QVERIFY(ledger.first().previous.isEmpty());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(ledger.at(i).toString(), taken.at(i).toString());
            if (i > 0)
                QCOMPARE(ledger.at(i).previous, ledger.at(i - 1).digest());
        }
        // Never fewer; on PostgreSQL maybe as many: another database's open transaction holds
        // back the cluster's horizon, and so the boundary (ARCHITECTURE.md, Global order).
        QVERIFY(taken.last().checkpoint.events >= taken.first().checkpoint.events);
        // Text round trip.
        QCOMPARE(SignedCheckpoint::parse(taken.last().toString()).value().toString(),
                 taken.last().toString());

        const IntegrityReport report = service
                                           ->verify(OrderService::Verify::Deep, {}, std::nullopt,
                                                    SignedAnchor{taken.last(), auditor.publicKey()})
                                           .value();
        QVERIFY2(report.intact(), qPrintable(problems(report)));
        QVERIFY(service->verify().value().intact());
    }

    // A checkpoint handed over with a changed byte, or checked against another key, is named.
    void forgedCheckpointsAreNamed() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        const SigningKey auditor = key(QStringLiteral("auditor"));
        const SignedCheckpoint taken = record(*service, {auditor}).first();
        SignedCheckpoint forged = taken;
        forged.checkpoint.events += 1;
        IntegrityReport report = service
                                     ->verify(OrderService::Verify::Links, {}, std::nullopt,
                                              SignedAnchor{forged, auditor.publicKey()})
                                     .value();
        QVERIFY(problems(report).contains(QLatin1String("does not match its signature")));
        QVERIFY(problems(report).contains(QLatin1String("not in the database's ledger")));

        const SigningKey stranger = key(QStringLiteral("stranger"));
        report = service
                     ->verify(OrderService::Verify::Links, {}, std::nullopt,
                              SignedAnchor{taken, stranger.publicKey()})
                     .value();
        QVERIFY2(problems(report).contains(QLatin1String("not by the key given")),
                 qPrintable(problems(report)));
        QVERIFY(problems(report).contains(QLatin1String("signed by another key")));

        // The ledger's rule refuses a record whose signature or link is wrong.
        const auto recordAs = [&](const SignedCheckpoint &checkpoint, const PublicKey &key) {
            return service->execute(OrderService::command(
                CheckpointWord::Ledger,
                {CheckpointWord::Record,
                 {{CheckpointWord::Checkpoint, checkpoint.toString()},
                  {CheckpointWord::PublicKey, QString::fromLatin1(key.toHex())}}},
                QStringLiteral("mallory")));
        };
        OT_EXPECT_ERROR(recordAs(forged, auditor.publicKey()), ErrorCode::Rejected,
                        QStringLiteral("not signed by the key"));
        const SignedCheckpoint unlinked =
            SignedCheckpoint::sign(taken.checkpoint, taken.takenAt + 1, {}, auditor);
        OT_EXPECT_ERROR(recordAs(unlinked, auditor.publicKey()), ErrorCode::Rejected,
                        QStringLiteral("does not link"));
        QCOMPARE(service->checkpointLedger().value().size(), 1);
    }

    // Whoever can write the database can drop or reorder rows of the ledger: verify names the
    // checkpoint whose link breaks, and a deep check refuses it too.
    void droppedAndReorderedCheckpointsAreNamed() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        const SigningKey auditor = key(QStringLiteral("auditor"));
        const QList<SignedCheckpoint> taken = record(*service, {auditor, auditor, auditor});
        service.reset();
        {
            RawConnection raw(url);
            raw.allowTampering();
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM events WHERE aggregate_type = "
                                             "'Checkpoint' AND version = 2"))
                         .isValid());
        }
        IntegrityReport report = openService(url)
                                     ->verify(OrderService::Verify::Deep, {}, std::nullopt,
                                              SignedAnchor{taken.last(), auditor.publicKey()})
                                     .value();
        QVERIFY2(problems(report).contains(QLatin1String("checkpoint 3 (taken")) &&
                     problems(report).contains(QLatin1String("does not link")),
                 qPrintable(problems(report)));

        // Two rows swapped: the third recorded now stands second.
        const DatabaseUrl again = m_backend.freshDatabase();
        service = openService(again);
        const QList<SignedCheckpoint> second = record(*service, {auditor, auditor, auditor});
        service.reset();
        {
            RawConnection raw(again);
            raw.allowTampering();
            // Through free versions: the stream's versions are unique at every step.
            for (const int from : {2, 3})
                QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET version = %1 WHERE "
                                                 "aggregate_type = 'Checkpoint' AND version = %2")
                                      .arg(100 + from)
                                      .arg(from))
                             .isValid());
            for (const int to : {2, 3})
                QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET version = %1 WHERE "
                                                 "aggregate_type = 'Checkpoint' AND version = %2")
                                      .arg(to)
                                      .arg(100 + (to == 2 ? 3 : 2)))
                             .isValid());
        }
        report = openService(again)
                     ->verify(OrderService::Verify::Links, {}, std::nullopt,
                              SignedAnchor{second.last(), auditor.publicKey()})
                     .value();
        QVERIFY2(problems(report).contains(QLatin1String("does not link")),
                 qPrintable(problems(report)));
    }

    // A checkpoint in the ledger signed by another key than the one trusted is named, and so is
    // history changed before any checkpoint of the chain.
    void foreignSignersAndChangedHistoryAreNamed() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        const SigningKey auditor = key(QStringLiteral("auditor"));
        const SigningKey other = key(QStringLiteral("other"));
        const QList<SignedCheckpoint> taken = record(*service, {auditor, other, auditor});
        IntegrityReport report = service
                                     ->verify(OrderService::Verify::Deep, {}, std::nullopt,
                                              SignedAnchor{taken.last(), auditor.publicKey()})
                                     .value();
        QVERIFY2(problems(report).contains(QLatin1String("checkpoint 2 (taken")) &&
                     problems(report).contains(QLatin1String("signed by another key")),
                 qPrintable(problems(report)));
        QCOMPARE(report.problems.size(), 1);

        service.reset();
        {
            RawConnection raw(url);
            raw.allowTampering();
            // The newest event of the first order cut off: every chain is still whole, only the
            // checkpoints show it.
            QVERIFY(
                !raw.exec(QStringLiteral("DELETE FROM events WHERE aggregate_type = 'Order' AND "
                                         "aggregate_id = 'ORD-000001' AND version = (SELECT "
                                         "max(version) FROM events WHERE aggregate_id = "
                                         "'ORD-000001')"))
                     .isValid());
        }
        report = openService(url)
                     ->verify(OrderService::Verify::Links, {}, std::nullopt,
                              SignedAnchor{taken.last(), auditor.publicKey()})
                     .value();
        QVERIFY2(problems(report).count(QLatin1String("history up to the checkpoint")) >= 1,
                 qPrintable(problems(report)));
    }

    // The CLI as an auditor uses it: keygen, a signed checkpoint into a file, verify against it,
    // the ledger, and a job that records one whenever enough events were added.
    void cliSignsRecordsAndVerifies() {
        if (m_backend.isPostgres())
            QSKIP("the CLI runs the same service on both; once is enough");
        const DatabaseUrl url = m_backend.freshDatabase();
        const QStringList db{QStringLiteral("--db"), url.toString()};
        const auto cli = [&](const QStringList &args, int *exitCode = nullptr) {
            QProcess process;
            process.start(QStringLiteral(OT_CLI_PATH), db + args);
            process.waitForFinished(60000);
            if (exitCode)
                *exitCode = process.exitCode();
            return QByteArray(process.readAllStandardOutput() + process.readAllStandardError());
        };
        const QString keyPath = m_dir.filePath(QStringLiteral("cli-key"));
        int code = -1;
        QVERIFY(cli({QStringLiteral("admin"), QStringLiteral("keygen"), keyPath}, &code)
                    .contains("fingerprint"));
        QCOMPARE(code, 0);
        cli({QStringLiteral("admin"), QStringLiteral("keygen"), keyPath}, &code);
        QVERIFY(code != 0);
        OT_REQUIRE(openService(url)->addDemoOrders(3, 1, QStringLiteral("demo")));
        const QByteArray out =
            cli({QStringLiteral("checkpoint"), QStringLiteral("--sign"), keyPath}, &code);
        QCOMPARE(code, 0);
        const QString text =
            QJsonDocument::fromJson(out).object().value(QStringLiteral("checkpoint")).toString();
        QVERIFY2(text.startsWith(QLatin1String("ot2:")), out.constData());
        const QString file = m_dir.filePath(QStringLiteral("handed-over.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.toUtf8() + '\n');
        }
        const QString pub = keyPath + QStringLiteral(".pub");
        QByteArray verified = cli({QStringLiteral("verify"), QStringLiteral("--checkpoint"), file,
                                   QStringLiteral("--public-key"), pub},
                                  &code);
        QVERIFY2(code == 0, verified.constData());
        cli({QStringLiteral("verify"), QStringLiteral("--checkpoint"), file}, &code);
        QCOMPARE(code, 2); // a signed one needs the key
        verified = cli({QStringLiteral("verify"), QStringLiteral("--checkpoint"),
                        flipped(text, text.size() - 1), QStringLiteral("--public-key"), pub},
                       &code);
        QCOMPARE(code, 5);
        QVERIFY(verified.contains("does not match its signature"));

        // The job: one at once, then one after every 5 events.
        QProcess job;
        job.start(QStringLiteral(OT_CLI_PATH),
                  db + QStringList{QStringLiteral("checkpoint"), QStringLiteral("--sign"), keyPath,
                                   QStringLiteral("--every-events"), QStringLiteral("5")});
        QVERIFY(job.waitForStarted());
        const auto ledgerSize = [&] { return openService(url)->checkpointLedger().value().size(); };
        QTest::qWait(1500);
        QCOMPARE(ledgerSize(), 1); // nothing new since the last one: none due
        OT_REQUIRE(openService(url)->addDemoOrders(2, 7, QStringLiteral("demo")));
        QTRY_COMPARE_WITH_TIMEOUT(ledgerSize(), 2, 20000);
        OT_REQUIRE(openService(url)->addDemoOrders(2, 8, QStringLiteral("demo")));
        QTRY_COMPARE_WITH_TIMEOUT(ledgerSize(), 3, 20000);
        job.kill();
        job.waitForFinished();
        const QJsonArray listed =
            QJsonDocument::fromJson(cli({QStringLiteral("checkpoints")}, &code))
                .object()
                .value(QStringLiteral("checkpoints"))
                .toArray();
        QCOMPARE(listed.size(), 3);
        QVERIFY(openService(url)->verify().value().intact());
    }
};

QTEST_GUILESS_MAIN(TestCheckpoints)
#include "test_checkpoints.moc"
