#include "ActivityChart.h"

#include "EventText.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace ot {

namespace {

constexpr qint64 DayMs = 24 * ActivityHourMs;
// The longest range shown by the day; longer ones by the month.
constexpr qint64 LongestDays = 400;
// The keys a bar's tooltip names.
constexpr int TooltipKeys = 12;
// At most this many keys are stacked and named one by one (fewer when the legend has no room);
// the rest are stacked together, as "N more".
constexpr int MostNamedKeys = 8;

// The first start of a local hour, day or month after `ms`, put on its whole UTC hour (where the
// zone is a half hour off UTC, that hour may be at or before `ms`: then the one after).
qint64 nextBoundary(qint64 ms, ActivityChart::Step step) {
    if (step == ActivityChart::Step::Hour)
        return activityHourOf(ms) + ActivityHourMs;
    QDate date = QDateTime::fromMSecsSinceEpoch(ms).date();
    if (step == ActivityChart::Step::Month)
        date = QDate(date.year(), date.month(), 1);
    for (;;) {
        date = step == ActivityChart::Step::Day ? date.addDays(1) : date.addMonths(1);
        const qint64 boundary = activityHourOf(date.startOfDay().toMSecsSinceEpoch());
        if (boundary > ms)
            return boundary;
    }
}

} // namespace

qint64 ActivityChart::Bar::total() const {
    qint64 sum = 0;
    for (qint64 n : counts)
        sum += n;
    return sum;
}

ActivityChart::ActivityChart(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("activityChart"));
    setAccessibleName(tr("Activity over time"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize ActivityChart::sizeHint() const {
    return {fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 11};
}

QSize ActivityChart::minimumSizeHint() const {
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height() * 11};
}

void ActivityChart::setMessage(const QString &message) {
    m_message = message;
    update();
}

void ActivityChart::setActivity(const QList<ActivityCount> &counts, std::optional<qint64> fromMs,
                                std::optional<qint64> toMs, ActivityKey key) {
    m_message.clear();
    m_bars.clear();
    m_keys.clear();
    m_key = key;
    m_highest = 0;
    m_anchor = m_current = -1;
    m_dragging = false;
    // counts come in hour order.
    qint64 from = fromMs ? *fromMs : (counts.isEmpty() ? 0 : counts.first().hourMs);
    qint64 to = toMs ? *toMs : (counts.isEmpty() ? 0 : counts.last().hourMs + ActivityHourMs);
    // A range of months (up to centuries, as the time fields allow) is narrowed to where its
    // events are. A shorter range with no event in it is still shown, so that the user sees
    // where it is.
    const bool months = to - from > LongestDays * DayMs;
    if (months && !counts.isEmpty()) {
        from = std::max(from, counts.first().hourMs);
        to = std::min(to, counts.last().hourMs + ActivityHourMs);
    }
    if (from >= to || (counts.isEmpty() && (!(fromMs && toMs) || months))) {
        m_message = tr("No event matches.");
        updateDescription();
        update();
        return;
    }
    const qint64 span = to - from;
    m_step =
        span <= 3 * DayMs ? Step::Hour : (span <= LongestDays * DayMs ? Step::Day : Step::Month);
    for (qint64 start = from; start < to;) {
        const qint64 end = std::min(to, nextBoundary(start, m_step));
        m_bars.append({start, end, {}});
        start = end;
    }
    QMap<QString, qint64> totals;
    for (const ActivityCount &count : counts) {
        // A partial first hour is counted from the range's start.
        const qint64 at = std::max(count.hourMs, from);
        const auto bar = std::upper_bound(m_bars.begin(), m_bars.end(), at,
                                          [](qint64 ms, const Bar &b) { return ms < b.fromMs; });
        if (bar == m_bars.begin() || at >= (bar - 1)->toMs)
            continue;
        (bar - 1)->counts[count.key] += count.count;
        totals[count.key] += count.count;
    }
    m_keys = totals.keys();
    std::stable_sort(m_keys.begin(), m_keys.end(), [&](const QString &a, const QString &b) {
        return totals.value(a) > totals.value(b);
    });
    for (const Bar &bar : std::as_const(m_bars))
        m_highest = std::max(m_highest, bar.total());
    updateDescription();
    update();
}

QString ActivityChart::keyName(const QString &key) const {
    return m_key == ActivityKey::Type ? EventText::typeName(key) : key;
}

QColor ActivityChart::keyColor(int keyIndex) const {
    // Tableau 10, told apart in colour and in grey; the others in a grey of their own.
    static const QList<QColor> colors{QColor(0x4e79a7), QColor(0xf28e2b), QColor(0x59a14f),
                                      QColor(0xe15759), QColor(0x76b7b2), QColor(0xedc948),
                                      QColor(0xb07aa1), QColor(0xff9da7)};
    return keyIndex < colors.size() ? colors.at(keyIndex) : QColor(0xbab0ac);
}

int ActivityChart::namedKeys() const {
    const QFontMetrics fm = fontMetrics();
    const int rows = (height() - plotArea().top() - fm.height() / 2) / fm.height();
    const int keys = int(m_keys.size());
    if (keys <= std::min(rows, MostNamedKeys))
        return keys;
    return std::max(0, std::min(rows, MostNamedKeys + 1) - 1); // a row for the others
}

QRect ActivityChart::plotArea() const {
    const QFontMetrics fm = fontMetrics();
    const int legendWidth = fm.averageCharWidth() * 27;
    const int axisWidth =
        fm.horizontalAdvance(QLocale().toString(std::max<qint64>(m_highest, 10))) +
        fm.averageCharWidth();
    return QRect(QPoint(axisWidth, fm.height() + 4),
                 QPoint(width() - legendWidth - 1, height() - fm.height() - 6));
}

QRect ActivityChart::barRect(int index) const {
    if (index < 0 || index >= m_bars.size())
        return {};
    const QRect plot = plotArea();
    const double w = double(plot.width()) / m_bars.size();
    const int left = plot.left() + int(index * w);
    const int right = plot.left() + int((index + 1) * w);
    return QRect(QPoint(left, plot.top()), QPoint(std::max(left, right - 1), plot.bottom()));
}

int ActivityChart::barAt(QPoint point) const {
    const QRect plot = plotArea();
    if (m_bars.isEmpty() || plot.width() <= 0)
        return -1;
    const int index = int(double(point.x() - plot.left()) * m_bars.size() / plot.width());
    return std::clamp(index, 0, int(m_bars.size()) - 1);
}

QString ActivityChart::barLabel(int index) const {
    if (index < 0 || index >= m_bars.size())
        return {};
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(m_bars.at(index).fromMs);
    const QLocale locale;
    switch (m_step) {
    case Step::Hour:
        return locale.toString(start.date(), QLocale::ShortFormat) + u' ' +
               locale.toString(start.time(), QStringLiteral("HH:mm"));
    case Step::Day:
        return locale.toString(start.date(), QLocale::ShortFormat);
    case Step::Month:
        return locale.toString(start.date(), QStringLiteral("MMMM yyyy"));
    }
    return {};
}

void ActivityChart::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    const QColor text = palette().color(QPalette::Text);
    const QColor faint = palette().color(QPalette::Mid);
    p.setPen(text);
    const QString title = m_step == Step::Hour ? tr("Events per hour")
                                               : (m_step == Step::Day ? tr("Events per day")
                                                                      : tr("Events per month"));
    if (!m_message.isEmpty() || m_bars.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter, m_message);
        return;
    }
    const QRect plot = plotArea();
    const int legendLeft = plot.right() + fm.averageCharWidth() * 2;
    p.drawText(QRect(legendLeft, 2, width() - legendLeft, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, title);
    if (plot.width() <= 0 || plot.height() <= 0)
        return;

    // The axis: 0 and the highest bar's count, and a line at half.
    p.setPen(faint);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.left(), plot.top() + plot.height() / 2, plot.right(),
               plot.top() + plot.height() / 2);
    p.setPen(text);
    const int labelRight = plot.left() - fm.averageCharWidth() / 2;
    p.drawText(QRect(0, plot.top() - fm.height() / 2, labelRight, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(m_highest));
    p.drawText(QRect(0, plot.bottom() - fm.height() / 2, labelRight, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));

    const int chosenFrom = std::min(m_anchor, m_current);
    const int chosenTo = std::max(m_anchor, m_current);
    if (m_current >= 0) {
        const QRect chosen = barRect(chosenFrom).united(barRect(chosenTo));
        QColor highlight = palette().color(QPalette::Highlight);
        highlight.setAlpha(60);
        p.fillRect(chosen, highlight);
    }
    if (m_highest == 0)
        p.drawText(plot, Qt::AlignCenter, tr("No event matches."));
    const int named = namedKeys();
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars.at(i);
        QRect r = barRect(i);
        if (r.width() > 3)
            r.adjust(1, 0, -1, 0);
        double below = 0;
        const auto stack = [&](qint64 n, const QColor &color) {
            if (n <= 0 || m_highest <= 0)
                return;
            const double top = below + double(n) * plot.height() / m_highest;
            const int y0 = plot.bottom() - int(below);
            const int y1 = plot.bottom() - int(top);
            p.fillRect(QRect(QPoint(r.left(), std::min(y0, y1 + 1)), QPoint(r.right(), y0)), color);
            below = top;
        };
        qint64 others = bar.total();
        for (int k = 0; k < named; ++k) {
            const qint64 n = bar.counts.value(m_keys.at(k));
            stack(n, keyColor(k));
            others -= n;
        }
        stack(others, keyColor(named));
    }
    if (hasFocus() && m_current >= 0) {
        p.setPen(QPen(text, 1, Qt::DotLine));
        p.drawRect(barRect(m_current).adjusted(0, 0, -1, -1));
    }

    // Under the axis: the first, middle and last bar's start.
    p.setPen(text);
    const int labelTop = plot.bottom() + 3;
    const QList<int> labelled = m_bars.size() > 2
                                    ? QList<int>{0, int(m_bars.size()) / 2, int(m_bars.size()) - 1}
                                    : QList<int>{0, int(m_bars.size()) - 1};
    for (int i : labelled) {
        const QString label = barLabel(i);
        const int w = fm.horizontalAdvance(label);
        const int x = std::clamp(barRect(i).center().x() - w / 2, 0, plot.right() - w);
        p.drawText(QRect(x, labelTop, w, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
    }

    // The legend, to the right, under the title.
    int y = plot.top() + fm.height() / 2;
    const int swatch = fm.height() * 2 / 3;
    for (int k = 0; k <= named; ++k) {
        if (k == named && named == m_keys.size())
            break;
        const QString name =
            k < named ? keyName(m_keys.at(k)) : tr("%n more", nullptr, int(m_keys.size()) - named);
        p.fillRect(QRect(legendLeft, y + (fm.height() - swatch) / 2, swatch, swatch), keyColor(k));
        p.drawText(
            QRect(legendLeft + swatch + 4, y, width() - legendLeft - swatch - 4, fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(name, Qt::ElideRight, width() - legendLeft - swatch - 4));
        y += fm.height();
    }
}

void ActivityChart::mousePressEvent(QMouseEvent *event) {
    const int bar = barAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || bar < 0)
        return QWidget::mousePressEvent(event);
    m_anchor = m_current = bar;
    m_dragging = true;
    update();
}

void ActivityChart::mouseMoveEvent(QMouseEvent *event) {
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    const int bar = barAt(event->position().toPoint());
    if (bar >= 0 && bar != m_current) {
        m_current = bar;
        update();
    }
}

void ActivityChart::mouseReleaseEvent(QMouseEvent *event) {
    if (!m_dragging || event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    const int bar = barAt(event->position().toPoint());
    if (bar >= 0)
        m_current = bar;
    choose();
}

void ActivityChart::keyPressEvent(QKeyEvent *event) {
    if (m_bars.isEmpty())
        return QWidget::keyPressEvent(event);
    const int last = int(m_bars.size()) - 1;
    int next = 0;
    switch (event->key()) {
    case Qt::Key_Left:
        next = m_current < 0 ? last : std::max(0, m_current - 1);
        break;
    case Qt::Key_Right:
        next = m_current < 0 ? 0 : std::min(last, m_current + 1);
        break;
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = last;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            choose();
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    m_current = next;
    if (!(event->modifiers() & Qt::ShiftModifier) || m_anchor < 0)
        m_anchor = next;
    updateDescription();
    update();
}

void ActivityChart::choose() {
    if (m_current < 0 || m_anchor < 0)
        return;
    const int first = std::min(m_anchor, m_current);
    const int last = std::max(m_anchor, m_current);
    update();
    emit rangeChosen(m_bars.at(first).fromMs, m_bars.at(last).toMs);
}

void ActivityChart::updateDescription() {
    if (m_current < 0) {
        setAccessibleDescription(
            m_bars.isEmpty() ? m_message
                             : tr("%n bars; the arrow keys choose one, Return shows its events",
                                  nullptr, int(m_bars.size())));
        return;
    }
    setAccessibleDescription(
        tr("%1: %n events", nullptr, int(m_bars.at(m_current).total())).arg(barLabel(m_current)));
}

bool ActivityChart::event(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const int index = plotArea().contains(help->pos()) ? barAt(help->pos()) : -1;
    if (index < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const Bar &bar = m_bars.at(index);
    QStringList lines{tr("%1: %n events", nullptr, int(bar.total())).arg(barLabel(index))};
    for (const QString &key : m_keys) {
        if (lines.size() > TooltipKeys) {
            lines << QStringLiteral("…");
            break;
        }
        if (const qint64 n = bar.counts.value(key))
            lines << tr("%1: %2").arg(keyName(key), QLocale().toString(n));
    }
    QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

} // namespace ot
