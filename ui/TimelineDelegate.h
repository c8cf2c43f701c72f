#pragma once

#include <QStyledItemDelegate>

namespace ot {

// Draws a timeline row: the day in a left gutter where a new local day starts (with a rule
// across), a vertical line with a marker per event (its colour and symbol tell the type), then
// the version, type, who and time over the event in words. Colours come from the palette, so
// the timeline reads in light and dark themes. Every row has the same height, which lets the
// view lay out 10,000 rows without asking each one for its size.
class TimelineDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit TimelineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The marker colour of an event type, readable on `base`.
    static QColor typeColor(const QString &eventType, const QColor &base);

private:
    static int gutterWidth(const QFontMetrics &metrics);
};

} // namespace ot
