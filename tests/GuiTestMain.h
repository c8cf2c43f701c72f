#pragma once

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

// The main() of a widget test: settings and data go to a temporary home, never the user's.
#define OT_GUI_TEST_MAIN(TestClass, name)                                                          \
    int main(int argc, char *argv[]) {                                                             \
        QTemporaryDir home;                                                                        \
        for (const char *variable :                                                                \
             {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})                       \
            qputenv(variable, home.path().toLocal8Bit());                                          \
        QApplication app(argc, argv);                                                              \
        QApplication::setOrganizationName(QStringLiteral("OrderTrailTest"));                       \
        QApplication::setApplicationName(QStringLiteral(name));                                    \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
