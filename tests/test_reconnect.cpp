// PostgreSQL restarts under a running OrderTrail (a cluster of the test's own, restarted with
// every connection cut): the live feed, the desk and serve come back by themselves, say so,
// and miss nothing.

#include "DeskConnection.h"
#include "DeskTestSupport.h"
#include "FreshCluster.h"
#include "GuiTestMain.h"
#include "MainWindow.h"
#include "MessageWidget.h"
#include "OrderPanel.h"
#include "service/ChangeFeed.h"

#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace ot;
using namespace ot::test;

namespace {

constexpr int ComeBackMs = 20000; // a restart, then a health check or two

} // namespace

class TestReconnect : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FreshCluster> m_cluster;
    int m_databases = 0;

    DatabaseUrl freshDatabase() {
        const DatabaseUrl url =
            m_cluster->emptyDatabase(QStringLiteral("reconnect_%1").arg(++m_databases));
        if (auto ok = admin::initialize(url); !ok)
            qFatal("cannot initialise: %s", qPrintable(ok.error().message));
        return url;
    }

    static void createOrder(const DatabaseUrl &url, const QString &id) {
        auto service = OrderService::open(url, OpenMode::ExistingOnly);
        OT_REQUIRE(service);
        OT_REQUIRE(service.value()->execute(
            makeCommand(id, QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
    }

private slots:
    void initTestCase() {
        if (qEnvironmentVariable("ORDERTRAIL_TEST_PG").isEmpty())
            QSKIP("PostgreSQL test server not available: set ORDERTRAIL_TEST_PG (tools/"
                  "run-tests.sh does); this test starts a cluster of its own the same way");
        m_cluster = std::make_unique<FreshCluster>();
    }

    void cleanupTestCase() { m_cluster.reset(); }

    // The feed notices the lost connection, says so, comes back, and reports a change, since
    // what was committed meanwhile was not heard; then it hears commits again.
    void liveFeedComesBack() {
        const DatabaseUrl url = freshDatabase();
        auto feed = ChangeFeed::open(url);
        OT_REQUIRE(feed);
        QSignalSpy changed(feed->get(), &ChangeFeed::changed);
        QSignalSpy lost(feed->get(), &ChangeFeed::lost);
        QSignalSpy restored(feed->get(), &ChangeFeed::restored);
        m_cluster->restart();
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, ComeBackMs);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, ComeBackMs);
        QVERIFY(changed.count() >= 1);
        const qsizetype before = changed.count();
        createOrder(url, QStringLiteral("F-1"));
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() > before, ComeBackMs);
    }

    // The desk shows that it is reconnecting, then that it is back, and the user's next
    // change goes through at the first try.
    void deskReconnectsAndSaysSo() {
        const DatabaseUrl url = freshDatabase();
        createOrder(url, QStringLiteral("D-1"));
        {
            auto service = OrderService::open(url, OpenMode::ExistingOnly);
            OT_REQUIRE(service);
            registerCustomer(*service.value(), QStringLiteral("CUST-AFTER"),
                             QStringLiteral("After Restart Ltd"));
        }
        MainWindow window(url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        window.show();
        QVERIFY(opened.wait(ComeBackMs));
        auto *state = window.findChild<QLabel *>(QStringLiteral("connectionState"));
        QVERIFY(state);
        QVERIFY(!state->isVisible());

        // The loss and the return can both arrive in one turn of the event loop, too fast for
        // polling the label: it is looked at as the loss is announced (after the window's own
        // handler, connected first).
        bool saidLost = false;
        connect(window.connection(), &DeskConnection::connectionLost, state,
                [&saidLost, state] { saidLost = state->isVisible(); });
        m_cluster->restart();
        QTRY_VERIFY_WITH_TIMEOUT(saidLost, ComeBackMs);
        QTRY_VERIFY_WITH_TIMEOUT(!state->isVisible(), ComeBackMs);

        // Created through the form, as a user would: the customer looked up, picked, the
        // order created.
        OrderPanel *panel = window.orderPanel();
        auto *customer = panel->findChild<RecordPicker *>(QStringLiteral("customer"));
        QVERIFY(pick(customer, QStringLiteral("restart")));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(panel->shownVersion(), 1, ComeBackMs);
        QVERIFY(!panel->findChild<MessageWidget *>()->isVisible());
    }

    // serve needs no restart: once the server is back, requests are answered again.
    void serveComesBack() {
        const DatabaseUrl url = freshDatabase();
        createOrder(url, QStringLiteral("S-1"));
        QTemporaryDir dir;
        const QString tokens = dir.filePath(QStringLiteral("tokens"));
        {
            QFile file(tokens);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("reconnect-token-0123456789 alice\n");
            QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        }
        QProcess serve;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORDERTRAIL_DB"), url.toString(DatabaseUrl::Password::Included));
        serve.setProcessEnvironment(env);
        serve.start(QStringLiteral(OT_CLI_PATH),
                    {QStringLiteral("serve"), QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:0"), QStringLiteral("--tokens-file"), tokens});
        QVERIFY(serve.waitForStarted(ComeBackMs));
        QVERIFY(serve.waitForReadyRead(ComeBackMs));
        const QUrl base(QJsonDocument::fromJson(serve.readLine())
                            .object()
                            .value(QStringLiteral("listening"))
                            .toString());
        QVERIFY(base.port() > 0);
        QNetworkAccessManager http;
        const auto status = [&] {
            QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/orders/S-1"))));
            request.setRawHeader("Authorization", "Bearer reconnect-token-0123456789");
            QNetworkReply *reply = http.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(ComeBackMs);
            const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return code;
        };
        QCOMPARE(status(), 200);
        m_cluster->restart();
        // Each worker may answer once with 503 (its connection was cut), then it opens anew.
        int unavailable = 0;
        int code = 0;
        for (int i = 0; i < 10 && code != 200; ++i) {
            code = status();
            if (code == 503)
                ++unavailable;
        }
        QCOMPARE(code, 200);
        qInfo("%d answers of 503 before serve was back", unavailable);
        serve.terminate();
        QVERIFY(serve.waitForFinished(ComeBackMs));
    }
};

OT_GUI_TEST_MAIN(TestReconnect, "test_reconnect")

#include "test_reconnect.moc"
