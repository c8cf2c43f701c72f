#include "OrderListView.h"

#include "EventText.h"
#include "OrderListModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ot {

namespace {
const QString HeaderKey = QStringLiteral("orderList/header");
constexpr int SearchDelayMs = 250; // type a whole word before the list reloads
const OrderStatus Statuses[] = {OrderStatus::Created, OrderStatus::Confirmed, OrderStatus::Shipped,
                                OrderStatus::Delivered, OrderStatus::Cancelled};
} // namespace

OrderListView::OrderListView(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_model(new OrderListModel(connection, this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_searchDelay(new QTimer(this)) {
    m_count->setObjectName(QStringLiteral("orderCount"));
    m_count->setWordWrap(true);
    m_search->setPlaceholderText(tr("Search order or customer (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search orders"));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this,
            [this] { m_model->setSearch(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_model->setSearch(m_search->text());
    });

    m_status->setAccessibleName(tr("Status filter"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents); // the counts change its width
    m_status->addItem(QString());
    for (OrderStatus status : Statuses)
        m_status->addItem(QString(), int(status));
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant status = m_status->itemData(index);
        m_model->setStatus(status.isValid() ? std::optional(OrderStatus(status.toInt()))
                                            : std::nullopt);
    });

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Compact rows: a desk list is read line by line.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Widths fitting typical values until the user sets their own (saved with the header).
    const QString samples[OrderListModel::ColumnCount] = {
        QStringLiteral("ORD-000000"),
        QStringLiteral("CUST-CORNER-CAFE"),
        EventText::status(OrderStatus::Delivered),
        tr("Items"),
        QStringLiteral("00000.00 EUR"),
        EventText::time(QDateTime::currentMSecsSinceEpoch()),
        QStringLiteral("username")};
    for (int column = 0; column < OrderListModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, fontMetrics().horizontalAdvance(samples[column]) +
                                            fontMetrics().averageCharWidth() * 4);
    m_table->horizontalHeader()->setSortIndicator(OrderListModel::ChangedColumn,
                                                  Qt::DescendingOrder);
    const QByteArray header = QSettings().value(HeaderKey).toByteArray();
    if (!header.isEmpty())
        m_table->horizontalHeader()->restoreState(header);
    // The sort comes from the header (saved with it): the model follows the indicator.
    m_model->sort(m_table->horizontalHeader()->sortIndicatorSection(),
                  m_table->horizontalHeader()->sortIndicatorOrder());
    m_table->setSortingEnabled(true);
    m_table->setAccessibleName(tr("Orders"));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString id = m_model->orderId(current.row());
                if (id.isEmpty() || id == m_current)
                    return;
                m_current = id;
                emit orderSelected(id);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        restoreSelection();
        updateCounts();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid())
            restoreSelection();
        updateCounts();
    });
    connect(m_model, &OrderListModel::countsChanged, this, &OrderListView::updateCounts);
    connect(m_model, &OrderListModel::loadFailed, this, &OrderListView::statusMessage);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, m_table);
    updateCounts();
}

OrderListView::~OrderListView() {
    saveLayout();
}

void OrderListView::selectOrder(const QString &orderId) {
    m_current = orderId;
    restoreSelection();
}

void OrderListView::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void OrderListView::refresh() {
    m_model->refresh();
}

void OrderListView::restoreSelection() {
    const int row = m_model->rowOf(m_current);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void OrderListView::updateCounts() {
    const QLocale locale;
    const OrderTally &tally = m_model->tally();
    m_status->setItemText(0, tr("All statuses (%1)").arg(locale.toString(tally.count())));
    for (int i = 0; i < int(std::size(Statuses)); ++i)
        m_status->setItemText(i + 1, tr("%1 (%2)").arg(EventText::status(Statuses[i]),
                                                       locale.toString(tally.count(Statuses[i]))));
    // What the listed orders add up to, one sum per currency.
    QStringList sums;
    const auto gross = tally.gross(m_model->query().status);
    for (auto it = gross.cbegin(); it != gross.cend(); ++it)
        sums << (it.value() ? tr("%1 %2").arg(it.value()->toString(), it.key())
                            : tr("too much to show in %1").arg(it.key()));
    const QString count =
        tr("%1 of %2 orders")
            .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->matchingCount()));
    m_count->setText(
        sums.isEmpty() ? count : tr("%1 · gross %2").arg(count, sums.join(QStringLiteral(" · "))));
    m_count->setToolTip(tr("The gross totals of every order the search and status filter match, "
                           "per currency"));
}

void OrderListView::saveLayout() const {
    QSettings().setValue(HeaderKey, m_table->horizontalHeader()->saveState());
}

} // namespace ot
