#pragma once

#include "es/Clock.h"
#include "service/OrderService.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace ot::test {

// A clock that only moves when told to, so timestamps in tests are exact.
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000) // 2026-01-01T00:00:00Z
        : m_now(startMs) {}
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

// Ids 00000000-0000-4000-8000-000000000001, ...002, ... in order.
class SequentialIds final : public IdGenerator {
public:
    QUuid next() override {
        return QUuid::fromString(
            QStringLiteral("00000000-0000-4000-8000-%1").arg(++m_count, 12, 16, QChar(u'0')));
    }

private:
    quint64 m_count = 0;
};

inline QByteArray json(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline Command makeCommand(const QString &orderId, const QString &type,
                           const QJsonObject &data = {},
                           const QString &user = QStringLiteral("alice")) {
    static int counter = 0;
    const QString id = QStringLiteral("cmd-%1").arg(++counter);
    return Command{id, type, orderId, data, user, id, std::nullopt};
}

} // namespace ot::test

// QVERIFY on a Result, evaluated once: fails with the error message when it is an error.
#define OT_REQUIRE(expression)                                                                     \
    do {                                                                                           \
        const auto &otResult = (expression);                                                       \
        QVERIFY2(otResult.ok(), otResult.ok() ? "" : qPrintable(otResult.error().message));        \
    } while (false)
