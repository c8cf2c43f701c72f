#include "TimelineDelegate.h"

#include "EventText.h"
#include "TimelineModel.h"
#include "orders/OrderVocabulary.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace ot {

namespace {

// The symbol inside a marker, drawn as lines (no font needed), in a unit box [-1, 1].
QPainterPath markerSymbol(const QString &type) {
    QPainterPath path;
    const auto known = orderEventFromName(type);
    if (!known)
        return path;
    switch (*known) {
    case OrderEvent::ItemAdded:
        path.moveTo(-0.6, 0);
        path.lineTo(0.6, 0);
        path.moveTo(0, -0.6);
        path.lineTo(0, 0.6);
        break;
    case OrderEvent::ItemRemoved:
        path.moveTo(-0.6, 0);
        path.lineTo(0.6, 0);
        break;
    case OrderEvent::ItemQuantityChanged: // up and down
        path.moveTo(-0.4, -0.15);
        path.lineTo(0, -0.55);
        path.lineTo(0.4, -0.15);
        path.moveTo(-0.4, 0.15);
        path.lineTo(0, 0.55);
        path.lineTo(0.4, 0.15);
        break;
    case OrderEvent::LineDiscountSet: // a per cent sign
    case OrderEvent::OrderDiscountSet:
        path.moveTo(0.5, -0.5);
        path.lineTo(-0.5, 0.5);
        path.addEllipse(QPointF(-0.35, -0.35), 0.15, 0.15);
        path.addEllipse(QPointF(0.35, 0.35), 0.15, 0.15);
        break;
    case OrderEvent::ShippingAddressSet: // a pin
        path.addEllipse(QPointF(0, -0.25), 0.3, 0.3);
        path.moveTo(0, 0.05);
        path.lineTo(0, 0.65);
        break;
    case OrderEvent::NoteAdded: // lines of text
        for (const double y : {-0.4, 0.0, 0.4}) {
            path.moveTo(-0.55, y);
            path.lineTo(y > 0.1 ? 0.2 : 0.55, y);
        }
        break;
    case OrderEvent::Confirmed:
    case OrderEvent::Delivered:
        path.moveTo(-0.55, 0.05);
        path.lineTo(-0.15, 0.45);
        path.lineTo(0.6, -0.4);
        break;
    case OrderEvent::Shipped:
        path.moveTo(-0.6, 0);
        path.lineTo(0.55, 0);
        path.moveTo(0.15, -0.4);
        path.lineTo(0.55, 0);
        path.lineTo(0.15, 0.4);
        break;
    case OrderEvent::Cancelled:
        path.moveTo(-0.45, -0.45);
        path.lineTo(0.45, 0.45);
        path.moveTo(0.45, -0.45);
        path.lineTo(-0.45, 0.45);
        break;
    case OrderEvent::Created:
        path.addEllipse(QPointF(0, 0), 0.35, 0.35);
        break;
    }
    return path;
}

bool isDark(const QColor &color) {
    return color.lightnessF() < 0.5;
}

} // namespace

TimelineDelegate::TimelineDelegate(QObject *parent)
    : QStyledItemDelegate(parent) {}

QColor TimelineDelegate::typeColor(const QString &type, const QColor &base) {
    int hue = 210; // unknown types: grey-blue
    int saturation = 40;
    if (const auto known = orderEventFromName(type)) {
        switch (*known) {
        case OrderEvent::Created:
            hue = 210, saturation = 170;
            break;
        case OrderEvent::ItemAdded:
            hue = 140, saturation = 150;
            break;
        case OrderEvent::ItemRemoved:
            hue = 30, saturation = 190;
            break;
        case OrderEvent::ItemQuantityChanged:
            hue = 165, saturation = 150;
            break;
        case OrderEvent::LineDiscountSet:
        case OrderEvent::OrderDiscountSet:
            hue = 320, saturation = 140;
            break;
        case OrderEvent::NoteAdded:
            hue = 50, saturation = 160;
            break;
        case OrderEvent::ShippingAddressSet:
            hue = 20, saturation = 150;
            break;
        case OrderEvent::Confirmed:
            hue = 260, saturation = 130;
            break;
        case OrderEvent::Shipped:
            hue = 190, saturation = 170;
            break;
        case OrderEvent::Delivered:
            hue = 100, saturation = 160;
            break;
        case OrderEvent::Cancelled:
            hue = 0, saturation = 180;
            break;
        }
    }
    // Darker markers on a light background, lighter ones on a dark background.
    return QColor::fromHsl(hue, saturation, isDark(base) ? 150 : 95);
}

int TimelineDelegate::gutterWidth(const QFontMetrics &metrics) {
    return metrics.horizontalAdvance(QStringLiteral("Wed 30 Sep 2026")) + metrics.height();
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const {
    const QFontMetrics &metrics = option.fontMetrics;
    return {gutterWidth(metrics) + metrics.horizontalAdvance(QLatin1Char('x')) * 50,
            metrics.height() * 2 + metrics.height() * 3 / 4};
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &palette = option.palette;
    const QFontMetrics &metrics = option.fontMetrics;
    const QRect r = option.rect;
    const int line = metrics.height();
    const int gutter = gutterWidth(metrics);
    const int lineX = r.left() + gutter + line / 2;
    const bool selected = option.state & QStyle::State_Selected;
    const bool active = option.state & QStyle::State_Active;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : active                                ? QPalette::Active
                                                                               : QPalette::Inactive;
    const bool loaded = index.data(TimelineModel::LoadedRole).toBool();
    const bool newDay = loaded && index.data(TimelineModel::NewDayRole).toBool();
    const bool related = loaded && index.data(TimelineModel::RelatedRole).toBool();
    const QString type = index.data(TimelineModel::TypeRole).toString();
    const qint64 time = index.data(TimelineModel::TimeRole).toLongLong();

    painter->fillRect(r, palette.brush(group, QPalette::Base));

    // The day, where one begins, with a rule across the row.
    if (newDay) {
        if (index.row() > 0) {
            painter->setPen(QPen(palette.color(group, QPalette::Mid), 1));
            painter->drawLine(r.left(), r.top(), r.right(), r.top());
        }
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(palette.color(group, QPalette::Text));
        const QString day = QLocale().toString(localDay(time), QStringLiteral("ddd d MMM yyyy"));
        painter->drawText(QRect(r.left() + line / 3, r.top() + line / 4, gutter - line / 2, line),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(day, Qt::ElideRight, gutter - line / 2));
        painter->setFont(option.font);
    }

    // The line through every row; the first and the last row end it at their marker.
    const int markerY = r.top() + r.height() / 2;
    QPen linePen(palette.color(group, QPalette::Mid), qMax(2, line / 8));
    painter->setPen(linePen);
    const int count = index.model()->rowCount();
    painter->drawLine(lineX, index.row() == 0 ? markerY : r.top(), lineX,
                      index.row() == count - 1 ? markerY : r.bottom() + 1);

    // The text area, highlighted when chosen.
    const QRect text = r.adjusted(gutter + line * 3 / 2, 2, -line / 3, -2);
    if (selected) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.brush(group, QPalette::Highlight));
        painter->drawRoundedRect(text.adjusted(-line / 3, 0, 0, 0), line / 3.0, line / 3.0);
    } else if (related) {
        // Events of the chosen event's correlation: a tinted band and a bar at the edge.
        QColor tint = palette.color(group, QPalette::Highlight);
        tint.setAlphaF(0.18f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(tint);
        painter->drawRoundedRect(text.adjusted(-line / 3, 0, 0, 0), line / 3.0, line / 3.0);
    }
    if (related) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(
            palette.color(group, selected ? QPalette::HighlightedText : QPalette::Highlight));
        painter->drawRect(
            QRect(text.right() - line / 4, text.top() + 2, line / 4, text.height() - 4));
    }

    // The marker: a disc in the type's colour with its symbol, ringed in the base colour.
    const QColor base = palette.color(group, QPalette::Base);
    const qreal radius = line * 0.62;
    const QPointF centre(lineX, markerY);
    painter->setPen(QPen(base, 2));
    painter->setBrush(loaded ? typeColor(type, base) : palette.color(group, QPalette::Mid));
    painter->drawEllipse(centre, radius, radius);
    if (loaded) {
        QPainterPath symbol = markerSymbol(type);
        QTransform scale;
        scale.translate(centre.x(), centre.y());
        scale.scale(radius * 0.8, radius * 0.8);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(isDark(base) ? QColor(Qt::black) : QColor(Qt::white),
                             qMax(1.5, line / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPath(scale.map(symbol));
    }

    // Two lines of text: version, type, who, time; then what happened.
    const QColor textColor =
        palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = textColor;
    if (!selected)
        dim = palette.color(group, QPalette::PlaceholderText);
    const QRect top(text.left(), text.top() + (text.height() - 2 * line) / 2,
                    text.width() - line / 2, line);
    const QRect bottom = top.translated(0, line);
    const QString version = tr("v%1").arg(index.data(TimelineModel::VersionRole).toLongLong());
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColor);
    const QFontMetrics boldMetrics(bold);
    const QString head = loaded ? tr("%1  %2").arg(version, EventText::typeName(type)) : version;
    painter->drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(head, Qt::ElideRight, top.width()));
    const int headWidth = boldMetrics.horizontalAdvance(head) + line / 2;
    painter->setFont(option.font);
    if (loaded) {
        painter->setPen(dim);
        // The day is in the gutter; the row gives the time of day (the tooltip has it all).
        const QString who = tr("%1 · %2").arg(
            index.data(TimelineModel::UserRole).toString(),
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toLocalTime().time(),
                               QLocale::ShortFormat));
        const QRect whoRect = top.adjusted(headWidth, 0, 0, 0);
        painter->drawText(whoRect, Qt::AlignRight | Qt::AlignVCenter,
                          metrics.elidedText(who, Qt::ElideLeft, whoRect.width()));
        painter->setPen(textColor);
        painter->drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(index.data(TimelineModel::SummaryRole).toString(),
                                             Qt::ElideRight, bottom.width()));
    } else {
        painter->setPen(dim);
        painter->drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter, tr("Loading…"));
    }

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = text.adjusted(-line / 3, 0, 0, 0);
        focus.backgroundColor =
            palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace ot
