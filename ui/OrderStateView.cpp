#include "OrderStateView.h"

#include "EventText.h"
#include "TimelineDelegate.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ot {

namespace {

enum Column { Product, Name, Quantity, Price, Discount, Net, Gross, ColumnCount };

QLabel *makeLabel(QWidget *parent, const char *name, Qt::TextFormat format = Qt::PlainText) {
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextFormat(format);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

// The item a product id names in `order`, if any.
const OrderItem *findItem(const OrderAggregate *order, const QString &productId) {
    if (!order)
        return nullptr;
    for (const OrderItem &item : order->items()) {
        if (item.productId == productId)
            return &item;
    }
    return nullptr;
}

QString statusOf(const OrderAggregate *order) {
    return order && order->status() ? EventText::status(*order->status()) : QString();
}

} // namespace

OrderStateView::OrderStateView(QWidget *parent)
    : QWidget(parent)
    , m_heading(makeLabel(this, "stateHeading"))
    , m_event(makeLabel(this, "stateEvent"))
    , m_status(makeLabel(this, "stateStatus", Qt::RichText))
    , m_total(makeLabel(this, "stateTotal", Qt::RichText))
    , m_details(makeLabel(this, "stateDetails"))
    , m_related(makeLabel(this, "stateRelated"))
    , m_items(new QStandardItemModel(0, ColumnCount, this))
    , m_itemsView(new QTableView(this)) {
    setAccessibleName(tr("The order at the chosen version"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_status->setAccessibleName(tr("Status"));
    m_total->setAccessibleName(tr("Total"));
    m_event->setAccessibleName(tr("Event"));

    m_items->setHorizontalHeaderLabels({tr("Product"), tr("Name"), tr("Quantity"), tr("Price"),
                                        tr("Discount"), tr("Net"), tr("Gross")});
    m_itemsView->setObjectName(QStringLiteral("stateItems"));
    m_itemsView->setAccessibleName(tr("Items at this version"));
    m_itemsView->setModel(m_items);
    m_itemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_itemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_itemsView->verticalHeader()->hide();
    m_itemsView->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_itemsView->setMinimumHeight(m_itemsView->fontMetrics().height() * 6);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Event:"), m_event);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Total:"), m_total);
    form->addRow(tr("Order:"), m_details);
    form->addRow(tr("Related:"), m_related);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_itemsView, 1);
    clear(tr("Choose an order to see its history."));
}

void OrderStateView::clear(const QString &message) {
    m_version = 0;
    m_state.reset();
    m_heading->setText(message);
    for (QLabel *label : {m_event, m_status, m_total, m_details, m_related})
        label->clear();
    m_items->removeRows(0, m_items->rowCount());
}

// A change, marked in the palette's highlight colours so it reads in light and dark themes.
QString OrderStateView::highlighted(const QString &text) const {
    return QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span>")
        .arg(palette().color(QPalette::Highlight).name(),
             palette().color(QPalette::HighlightedText).name(), text.toHtmlEscaped());
}

void OrderStateView::showVersion(const OrderVersion &replayed) {
    const OrderAggregate &at = *replayed.at;
    const OrderAggregate *before = replayed.before.get();
    const DomainEvent &event = replayed.event;
    const QLocale locale;
    m_version = at.version();
    m_state = replayed.at;

    m_heading->setText(
        tr("%1 at version %2 of %3")
            .arg(at.id(), locale.toString(at.version()), locale.toString(replayed.latestVersion)));
    m_event->setText(tr("%1 by %2, %3: %4")
                         .arg(EventText::typeName(event.type), event.metadata.userId,
                              EventText::time(event.metadata.timestamp),
                              EventText::summary(event)));
    m_event->setToolTip(tr("Recorded %1 UTC").arg(EventText::utcTime(event.metadata.timestamp)));

    const QString statusNow = statusOf(&at);
    const QString statusBefore = statusOf(before);
    if (statusNow != statusBefore)
        m_status->setText(
            before ? tr("%1 → %2").arg(statusBefore.toHtmlEscaped(), highlighted(statusNow))
                   : highlighted(statusNow));
    else
        m_status->setText(statusNow.toHtmlEscaped());
    m_status->setAccessibleDescription(
        statusNow != statusBefore && before
            ? tr("changed from %1 to %2").arg(statusBefore, statusNow)
            : statusNow);

    // The gross, then how it is made up; the gross before it where the event changed it.
    const std::optional<OrderTotals> totals = at.totals();
    const QString totalNow = tr("%1 %2").arg(at.total().toString(), at.currency());
    const QString makeUp = totals ? tr(" (net %1, tax %2, discounts %3)")
                                        .arg(totals->net.toString(), totals->tax.toString(),
                                             totals->discount.toString())
                                  : QString();
    if (before && before->total() != at.total())
        m_total->setText(
            tr("%1 → %2%3")
                .arg(before->total().toString(), highlighted(totalNow), makeUp.toHtmlEscaped()));
    else
        m_total->setText(QString(totalNow + makeUp).toHtmlEscaped());

    QStringList details{
        tr("customer %1").arg(EventText::customer(at.customerId(), at.customerName()))};
    if (!at.shippingAddress().isUndefined())
        details << tr("ship to %1").arg(EventText::address(at.shippingAddress()));
    if (!at.carrier().isEmpty() || !at.trackingNumber().isEmpty())
        details << tr("shipped with %1 %2").arg(at.carrier(), at.trackingNumber()).trimmed();
    if (!at.orderDiscount().isNone())
        details << tr("%1 off the order").arg(EventText::discount(at.orderDiscount()));
    if (!at.notes().isEmpty())
        details << tr("%n note(s)", nullptr, int(at.notes().size()));
    if (!at.cancelReason().isEmpty())
        details << tr("cancelled: %1").arg(at.cancelReason());
    m_details->setText(details.join(QStringLiteral(" · ")));

    m_related->setText(
        replayed.relatedTotal <= 1
            ? tr("no other event shares this event's correlation")
            : tr("%1 events share correlation %2 (%3 in this order, marked in the timeline)")
                  .arg(locale.toString(replayed.relatedTotal), event.metadata.correlationId,
                       locale.toString(replayed.relatedHere)));

    // The items as they are now; the item this event added, removed or changed is marked.
    const QString changedProduct = event.data.value(OrderField::ProductId).toString();
    const bool added = event.type == eventName(OrderEvent::ItemAdded);
    const bool removed = event.type == eventName(OrderEvent::ItemRemoved);
    const bool changed = event.type == eventName(OrderEvent::ItemQuantityChanged) ||
                         event.type == eventName(OrderEvent::LineDiscountSet);
    QColor mark = TimelineDelegate::typeColor(event.type, palette().color(QPalette::Base));
    mark.setAlphaF(0.35f);
    m_items->removeRows(0, m_items->rowCount());
    const auto addRow = [&](const OrderItem &item, std::optional<PricedLine> priced, bool marked,
                            bool gone) {
        const auto amount = [&](Money PricedLine::*part) {
            return priced ? ((*priced).*part).toString() : QString();
        };
        QList<QStandardItem *> row{new QStandardItem(item.productId),
                                   new QStandardItem(item.name),
                                   new QStandardItem(locale.toString(item.quantity)),
                                   new QStandardItem(item.price.toString()),
                                   new QStandardItem(EventText::discount(item.discount)),
                                   new QStandardItem(amount(&PricedLine::net)),
                                   new QStandardItem(amount(&PricedLine::gross))};
        for (int column = Quantity; column < ColumnCount; ++column)
            row[column]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (marked) {
            for (QStandardItem *cell : row) {
                cell->setBackground(mark);
                cell->setToolTip(gone    ? tr("Removed by this event")
                                 : added ? tr("Added by this event")
                                         : tr("Changed by this event"));
                QFont font = cell->font();
                font.setBold(!gone);
                font.setStrikeOut(gone);
                cell->setFont(font);
            }
            row[Name]->setText(gone    ? tr("%1 (removed)").arg(item.name)
                               : added ? tr("%1 (added)").arg(item.name)
                                       : tr("%1 (changed)").arg(item.name));
            row[Name]->setAccessibleText(row[Name]->text());
        }
        row[Product]->setData(gone, RemovedRole);
        m_items->appendRow(row);
    };
    for (qsizetype i = 0; i < at.items().size(); ++i) {
        const OrderItem &item = at.items().at(i);
        addRow(item, totals ? std::optional(totals->lines.at(i)) : std::nullopt,
               (added || changed) && item.productId == changedProduct, false);
    }
    if (removed) {
        if (const OrderItem *gone = findItem(before, changedProduct))
            addRow(*gone, std::nullopt, true, true);
    }
    for (int column = 0; column < ColumnCount; ++column) {
        if (column != Name) // the name takes the rest
            m_itemsView->resizeColumnToContents(column);
    }
}

} // namespace ot
