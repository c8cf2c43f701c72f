// The desktop program's identity and translations, as gui_main.cpp sets them up.
#include "Localization.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTest>

class TestLocalization : public QObject {
    Q_OBJECT

private slots:
    void germanTranslationLoadsAndTranslates() {
        QVERIFY(ot::installTranslations(*QCoreApplication::instance(),
                                        QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(QCoreApplication::translate("ot::MainWindow", "&About OrderTrail"),
                 QStringLiteral("Ü&ber OrderTrail"));
        QCOMPARE(
            QCoreApplication::translate("ot::MainWindow", "Added %n demo order(s).", nullptr, 3),
            QStringLiteral("3 Demoaufträge hinzugefügt."));
        QCOMPARE(
            QCoreApplication::translate("ot::MainWindow", "Added %n demo order(s).", nullptr, 1),
            QStringLiteral("1 Demoauftrag hinzugefügt."));
        // Qt's own strings (dialog buttons), from Debian's qt6-translations-l10n.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Abbrechen"));
    }

    void languageWithoutTranslationStaysEnglish() {
        QVERIFY(!ot::installTranslations(*QCoreApplication::instance(),
                                         QLocale(QLocale::Basque, QLocale::Spain)));
    }

    void settingsFileHasTheApplicationsName() {
        ot::setApplicationIdentity();
        QVERIFY2(QSettings().fileName().endsWith(QLatin1String("/OrderTrail/OrderTrail.conf")),
                 qPrintable(QSettings().fileName()));
        QCOMPARE(QCoreApplication::applicationVersion(), QStringLiteral(OT_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestLocalization)
#include "test_localization.moc"
