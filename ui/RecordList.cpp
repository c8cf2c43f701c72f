#include "RecordList.h"

#include "DeskConnection.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPalette>
#include <QScopedValueRollback>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ot {

namespace {
constexpr int TypingPauseMs = 200;
} // namespace

RecordList::RecordList(DeskConnection &connection, const QStringList &headers, Load load,
                       QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_load(std::move(load))
    , m_search(new QLineEdit(this))
    , m_model(new QStandardItemModel(0, int(headers.size()), this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_delay(new QTimer(this)) {
    m_search->setClearButtonEnabled(true);
    m_model->setHorizontalHeaderLabels(headers);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    m_table->horizontalHeader()->setStretchLastSection(true);
    setFocusProxy(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_moving || !current.isValid())
                    return;
                const QString id = m_model->item(current.row(), 0)->text();
                if (id == m_current)
                    return;
                m_current = id;
                emit selected(id);
            });
    m_delay->setSingleShot(true);
    m_delay->setInterval(TypingPauseMs);
    connect(m_delay, &QTimer::timeout, this, &RecordList::refresh);
    connect(m_search, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &RecordList::refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    refresh();
}

void RecordList::select(const QString &id) {
    m_current = id;
    showCurrent();
    emit selected(id);
}

void RecordList::clearCurrent() {
    m_current.clear();
    const QScopedValueRollback moving(m_moving, true);
    m_table->selectionModel()->clear();
}

void RecordList::showCurrent() {
    const QScopedValueRollback moving(m_moving, true);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, 0)->text() == m_current) {
            m_table->selectRow(row);
            m_table->scrollTo(m_model->index(row, 0));
            return;
        }
    }
}

void RecordList::refresh() {
    m_delay->stop();
    const quint64 generation = ++m_generation;
    m_connection.run(
        this,
        [load = m_load, search = m_search->text().trimmed()](OrderService &service) {
            return load(service, search, Shown + 1);
        },
        [this, generation](Result<QList<RecordRow>> rows) {
            if (generation != m_generation)
                return;
            if (!rows) {
                m_count->setText(tr("Cannot read the list: %1").arg(rows.error().message));
                return;
            }
            const bool more = rows->size() > Shown;
            // Filling the table moves its current row: not a choice of the user's.
            const QScopedValueRollback moving(m_moving, true);
            m_model->removeRows(0, m_model->rowCount());
            const QColor greyed = palette().color(QPalette::Disabled, QPalette::Text);
            for (const RecordRow &row : rows->mid(0, Shown)) {
                QList<QStandardItem *> cells;
                for (const QString &text : row.cells) {
                    auto *cell = new QStandardItem(text);
                    if (row.inactive)
                        cell->setForeground(greyed);
                    cells << cell;
                }
                m_model->appendRow(cells);
            }
            // Long names and addresses are cut rather than push the status out of sight.
            m_table->resizeColumnsToContents();
            const int widest = fontMetrics().averageCharWidth() * 22;
            for (int column = 0; column < m_model->columnCount(); ++column)
                m_table->setColumnWidth(column, qMin(widest, m_table->columnWidth(column)));
            const QLocale locale;
            m_count->setText(
                more
                    ? tr("The first %1 shown: type to narrow the list.").arg(locale.toString(Shown))
                    : tr("%n shown.", nullptr, int(rows->size())));
            showCurrent();
        });
}

} // namespace ot
