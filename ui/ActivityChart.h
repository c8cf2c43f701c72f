#pragma once

#include "es/EventQuery.h"

#include <QMap>
#include <QWidget>

#include <optional>

namespace ot {

// How many events the audit's filters select over time: a bar per hour, day or month (as the
// range needs), each stacked by event type or by user. Bars split at local midnights and month
// starts, each put on the whole UTC hour it falls in, so that every bar covers whole hours of
// OrderService::activity and the time filter it chooses selects exactly the events it counts.
// Clicking a bar, or dragging over several, chooses their time range; so do the arrow keys
// (Shift widens) and Return.
class ActivityChart final : public QWidget {
    Q_OBJECT
public:
    enum class Step { Hour, Day, Month };
    struct Bar {
        qint64 fromMs = 0; // [fromMs, toMs)
        qint64 toMs = 0;
        QMap<QString, qint64> counts; // by key
        qint64 total() const;
        friend bool operator==(const Bar &, const Bar &) = default;
    };

    explicit ActivityChart(QWidget *parent = nullptr);

    // Shows `counts` over the filter's range [fromMs, toMs); an open end ends where the counts
    // do (so with no counts, there are no bars). The keys are event types or users, as `key`
    // says.
    void setActivity(const QList<ActivityCount> &counts, std::optional<qint64> fromMs,
                     std::optional<qint64> toMs, ActivityKey key);
    // Shows a line of text instead of bars: counting, or why it failed.
    void setMessage(const QString &message);

    const QList<Bar> &bars() const { return m_bars; }
    Step step() const { return m_step; }
    // The keys, most events first: the order they are stacked in, from the bottom.
    QStringList keys() const { return m_keys; }
    // Where bar `index` is drawn.
    QRect barRect(int index) const;
    // Where the bar starts, in words: "7 Dec 2026" (a day), "7 Dec 2026 14:00" (an hour),
    // "December 2026" (a month).
    QString barLabel(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The bars from one to another were chosen: [fromMs, toMs).
    void rangeChosen(qint64 fromMs, qint64 toMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect plotArea() const;
    int barAt(QPoint point) const;
    QString keyName(const QString &key) const;
    QColor keyColor(int keyIndex) const;
    // How many keys the legend names (the rest are "others").
    int namedKeys() const;
    void choose();
    void updateDescription();

    QList<Bar> m_bars;
    QStringList m_keys;
    ActivityKey m_key = ActivityKey::Type;
    Step m_step = Step::Hour;
    qint64 m_highest = 0; // the largest bar's total
    QString m_message;
    int m_anchor = -1; // the chosen bars run from the anchor to the current one
    int m_current = -1;
    bool m_dragging = false;
};

} // namespace ot
