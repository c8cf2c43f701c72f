#include "AuditView.h"

#include "ActionButton.h"
#include "ActivityChart.h"
#include "AuditModel.h"
#include "DeskConnection.h"
#include "EventText.h"
#include "ExportDialog.h"
#include "VerifyDialog.h"
#include "audit/AccessLog.h"
#include "audit/CheckpointLedger.h"
#include "orders/MasterDataVocabulary.h"
#include "orders/OrderAggregate.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ot {

namespace {
const QString HeaderKey = QStringLiteral("audit/header");
const QString ViewsKey = QStringLiteral("audit/views");
const QString ChartKeyKey = QStringLiteral("audit/chartBy");
const QString ChartShownKey = QStringLiteral("audit/chartShown");
constexpr int DebounceMs = 300;

// A filter as the settings keep it.
QVariantMap saved(const EventFilter &f) {
    QVariantMap map{{QStringLiteral("user"), f.userId},
                    {QStringLiteral("type"), f.eventType},
                    {QStringLiteral("order"), f.aggregateId},
                    {QStringLiteral("customer"), f.relatedId},
                    {QStringLiteral("correlation"), f.correlationId},
                    {QStringLiteral("text"), f.text}};
    if (f.fromMs)
        map.insert(QStringLiteral("from"), *f.fromMs);
    if (f.toMs)
        map.insert(QStringLiteral("to"), *f.toMs);
    return map;
}

EventFilter filterOf(const QVariantMap &map) {
    EventFilter f;
    f.userId = map.value(QStringLiteral("user")).toString();
    f.eventType = map.value(QStringLiteral("type")).toString();
    f.aggregateId = map.value(QStringLiteral("order")).toString();
    if (!f.aggregateId.isEmpty())
        f.aggregateType = OrderAggregate::Type;
    f.relatedId = map.value(QStringLiteral("customer")).toString();
    if (!f.relatedId.isEmpty())
        f.relatedType = CustomerWord::Type;
    f.correlationId = map.value(QStringLiteral("correlation")).toString();
    f.text = map.value(QStringLiteral("text")).toString();
    if (map.contains(QStringLiteral("from")))
        f.fromMs = map.value(QStringLiteral("from")).toLongLong();
    if (map.contains(QStringLiteral("to")))
        f.toMs = map.value(QStringLiteral("to")).toLongLong();
    return f;
}
} // namespace

AuditView::AuditView(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_model(new AuditModel(connection, this))
    , m_table(new QTableView(this))
    , m_countLabel(new QLabel(this))
    , m_chart(new ActivityChart(this))
    , m_chartKey(new QComboBox(this))
    , m_chartShown(new QCheckBox(tr("Sho&w chart"), this))
    , m_fromOn(new QCheckBox(tr("F&rom"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toOn(new QCheckBox(tr("&Before"), this))
    , m_to(new QDateTimeEdit(this))
    , m_user(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_order(new QLineEdit(this))
    , m_customer(new QLineEdit(this))
    , m_correlation(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_views(new QComboBox(this))
    , m_debounce(new QTimer(this)) {
    setObjectName(QStringLiteral("audit"));
    m_verify = makeAction(tr("Verify History…"), QKeySequence(tr("Ctrl+Shift+V")), "verifyAction");
    m_checkpoint =
        makeAction(tr("Take Checkpoint…"), QKeySequence(tr("Ctrl+Shift+K")), "checkpointAction");
    m_export = makeAction(tr("Export…"), QKeySequence(tr("Ctrl+E")), "exportAction");
    m_open = makeAction(tr("Open in Timeline"), QKeySequence(Qt::Key_Return), "openInTimeline");
    m_open->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_open);
    connect(m_verify, &QAction::triggered, this, &AuditView::showVerifyDialog);
    connect(m_checkpoint, &QAction::triggered, this, &AuditView::showCheckpointDialog);
    connect(m_export, &QAction::triggered, this, &AuditView::showExportDialog);
    connect(m_open, &QAction::triggered, this, [this] { openCurrent(m_table->currentIndex()); });

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Events, newest first"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    const QList<int> widths{10, 24, 19, 9, 17, 10, 60, 30};
    for (int column = 0; column < widths.size(); ++column)
        header->resizeSection(column, widths[column] * ch);
    header->restoreState(QSettings().value(HeaderKey).toByteArray());
    connect(m_table, &QTableView::doubleClicked, this, &AuditView::openCurrent);
    connect(m_model, &AuditModel::pageLoaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            emit statusMessage(tr("Cannot read the events: %1").arg(error));
    });
    // Live events at the top count too.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                // Rows above rows already shown: live events (a first page is counted anyway).
                const bool aboveOthers = m_model->rowCount() > last - first + 1;
                if (first == 0 && aboveOthers && m_count >= 0)
                    countMatches();
            });

    m_countLabel->setObjectName(QStringLiteral("auditCount"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &AuditView::applyFilter);

    m_chartKey->setObjectName(QStringLiteral("activityKey"));
    m_chartKey->setAccessibleName(tr("Stack the chart's bars by"));
    m_chartKey->addItem(tr("By event type"), int(ActivityKey::Type));
    m_chartKey->addItem(tr("By user"), int(ActivityKey::User));
    m_chartKey->setCurrentIndex(
        qMax(0, m_chartKey->findData(QSettings().value(ChartKeyKey, 0).toInt())));
    connect(m_chartKey, &QComboBox::activated, this,
            [this] { setChartKey(ActivityKey(m_chartKey->currentData().toInt())); });
    // Hidden, the chart is not counted either; shown again, it is.
    m_chartShown->setObjectName(QStringLiteral("showChart"));
    m_chartShown->setChecked(QSettings().value(ChartShownKey, true).toBool());
    m_chart->setVisible(m_chartShown->isChecked());
    m_chartKey->setVisible(m_chartShown->isChecked());
    connect(m_chartShown, &QCheckBox::toggled, this, [this](bool shown) {
        QSettings().setValue(ChartShownKey, shown);
        m_chart->setVisible(shown);
        m_chartKey->setVisible(shown);
        if (shown && m_started)
            countMatches();
    });
    connect(m_chart, &ActivityChart::rangeChosen, this, [this](qint64 from, qint64 to) {
        EventFilter f = filter();
        f.fromMs = from;
        f.toMs = to;
        setFilter(f);
    });

    const auto button = [this](QAction *action) { return textButton(action, this); };
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_countLabel, 1);
    actions->addWidget(m_chartShown);
    actions->addWidget(m_chartKey);
    for (QAction *action : {m_export, m_checkpoint, m_verify})
        actions->addWidget(button(action));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildFilters());
    layout->addLayout(actions);
    layout->addWidget(m_chart);
    layout->addWidget(m_table, 1);
}

AuditView::~AuditView() {
    QSettings().setValue(HeaderKey, m_table->horizontalHeader()->saveState());
}

QAction *AuditView::makeAction(const QString &text, const QKeySequence &shortcut,
                               const char *name) {
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    addAction(action);
    return action;
}

QList<QAction *> AuditView::auditActions() const {
    return {m_verify, m_checkpoint, m_export};
}

QWidget *AuditView::buildFilters() {
    auto *box = new QWidget(this);
    const auto edited = [this] { m_debounce->start(); };
    const QDateTime now = QDateTime::currentDateTime();
    for (auto [check, edit, start] :
         {std::tuple{m_fromOn, m_from, now.addDays(-7)}, std::tuple{m_toOn, m_to, now}}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
        edit->setDateTime(QDateTime(start.date(), QTime(start.time().hour(), 0)));
        edit->setEnabled(false);
        connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(check, &QCheckBox::toggled, this, edited);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, edited);
    }
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_from->setAccessibleName(tr("From (local time)"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_to->setAccessibleName(tr("Before (local time)"));

    m_type->setObjectName(QStringLiteral("auditType"));
    m_type->setAccessibleName(tr("Event type"));
    m_type->addItem(tr("Any event"), QString());
    for (const QString &type : orderEventNames() + CustomerWord::Events + ProductWord::Events +
                                   QStringList{CheckpointWord::Recorded, AccessWord::Recorded})
        m_type->addItem(EventText::typeName(type), type);
    connect(m_type, &QComboBox::currentIndexChanged, this, edited);

    const auto line = [&](QLineEdit *edit, const char *name, const QString &accessible,
                          const QString &placeholder) {
        edit->setObjectName(QLatin1String(name));
        edit->setAccessibleName(accessible);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, this, edited);
        connect(edit, &QLineEdit::returnPressed, this, &AuditView::applyFilter);
    };
    line(m_user, "auditUser", tr("User"), tr("e.g. alice"));
    line(m_order, "auditOrder", tr("Order id"), tr("e.g. ORD-000012"));
    line(m_customer, "auditCustomer", tr("Customer id"),
         tr("a customer's number: its own events and its orders'"));
    line(m_correlation, "auditCorrelation", tr("Correlation id"), tr("correlation id"));
    line(m_text, "auditText", tr("Text in the data"), tr("text anywhere in the event's data"));

    auto *clear = new QPushButton(tr("C&lear Filters"), box);
    clear->setObjectName(QStringLiteral("clearFilters"));
    connect(clear, &QPushButton::clicked, this, [this] {
        listViews();
        setFilter({});
    });

    m_views->setObjectName(QStringLiteral("auditViews"));
    m_views->setAccessibleName(tr("Saved views"));
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_saveView = new QAction(tr("Save View…"), this);
    m_saveView->setObjectName(QStringLiteral("saveViewAction"));
    m_saveView->setToolTip(tr("Keep these filters under a name, to open them again"));
    m_deleteView = new QAction(tr("Delete View"), this);
    m_deleteView->setObjectName(QStringLiteral("deleteViewAction"));
    connect(m_saveView, &QAction::triggered, this, &AuditView::saveView);
    connect(m_deleteView, &QAction::triggered, this, &AuditView::deleteView);
    connect(m_views, &QComboBox::activated, this, [this](int index) {
        m_deleteView->setEnabled(index > 0);
        if (index > 0)
            setFilter(filterOf(
                QSettings().value(ViewsKey).toMap().value(m_views->itemText(index)).toMap()));
    });
    listViews();
    auto *views = new QHBoxLayout;
    views->addWidget(m_views, 1);
    views->addWidget(textButton(m_saveView, box));
    views->addWidget(textButton(m_deleteView, box));

    const auto label = [box](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, box);
        l->setBuddy(buddy);
        return l;
    };
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_fromOn, 0, 0);
    grid->addWidget(m_from, 0, 1);
    grid->addWidget(m_toOn, 0, 2);
    grid->addWidget(m_to, 0, 3);
    grid->addWidget(label(tr("&User:"), m_user), 0, 4);
    grid->addWidget(m_user, 0, 5);
    grid->addWidget(label(tr("&Event:"), m_type), 0, 6);
    grid->addWidget(m_type, 0, 7);
    grid->addWidget(label(tr("O&rder:"), m_order), 1, 0);
    grid->addWidget(m_order, 1, 1);
    grid->addWidget(label(tr("Cu&stomer:"), m_customer), 1, 2);
    grid->addWidget(m_customer, 1, 3);
    grid->addWidget(label(tr("Co&rrelation:"), m_correlation), 1, 4);
    grid->addWidget(m_correlation, 1, 5);
    grid->addWidget(label(tr("&Text:"), m_text), 2, 0);
    grid->addWidget(m_text, 2, 1, 1, 5);
    grid->addWidget(label(tr("&Views:"), m_views), 1, 6);
    grid->addLayout(views, 1, 7);
    grid->addWidget(clear, 2, 7);
    for (int column : {1, 3, 5})
        grid->setColumnStretch(column, 1);
    return box;
}

EventFilter AuditView::filter() const {
    EventFilter f;
    f.userId = m_user->text().trimmed();
    f.eventType = m_type->currentData().toString();
    f.aggregateId = m_order->text().trimmed();
    // With the type the stream index serves an order id.
    if (!f.aggregateId.isEmpty())
        f.aggregateType = OrderAggregate::Type;
    f.relatedId = m_customer->text().trimmed();
    if (!f.relatedId.isEmpty())
        f.relatedType = CustomerWord::Type;
    f.correlationId = m_correlation->text().trimmed();
    f.text = m_text->text();
    if (m_fromOn->isChecked())
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
    if (m_toOn->isChecked())
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
    return f;
}

void AuditView::setFilter(const EventFilter &f) {
    const QSignalBlocker blockers[] = {QSignalBlocker(m_user),        QSignalBlocker(m_type),
                                       QSignalBlocker(m_order),       QSignalBlocker(m_customer),
                                       QSignalBlocker(m_correlation), QSignalBlocker(m_text),
                                       QSignalBlocker(m_fromOn),      QSignalBlocker(m_toOn),
                                       QSignalBlocker(m_from),        QSignalBlocker(m_to)};
    m_user->setText(f.userId);
    m_type->setCurrentIndex(qMax(0, m_type->findData(f.eventType)));
    m_order->setText(f.aggregateId);
    m_customer->setText(f.relatedType == CustomerWord::Type ? f.relatedId : QString());
    m_correlation->setText(f.correlationId);
    m_text->setText(f.text);
    m_fromOn->setChecked(f.fromMs.has_value());
    m_from->setEnabled(f.fromMs.has_value());
    if (f.fromMs)
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(*f.fromMs));
    m_toOn->setChecked(f.toMs.has_value());
    m_to->setEnabled(f.toMs.has_value());
    if (f.toMs)
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(*f.toMs));
    applyFilter();
}

QStringList AuditView::savedViews() const {
    return QSettings().value(ViewsKey).toMap().keys();
}

void AuditView::listViews(const QString &current) {
    m_views->clear();
    m_views->addItem(tr("(saved views)"));
    m_views->addItems(savedViews());
    m_views->setCurrentIndex(qMax(0, m_views->findText(current)));
    m_deleteView->setEnabled(m_views->currentIndex() > 0);
}

void AuditView::saveView() {
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveViewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save View"));
    dialog->setLabelText(tr("Name of the view (a name already saved is replaced):"));
    dialog->setTextValue(m_views->currentIndex() > 0 ? m_views->currentText() : QString());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &typed) {
        const QString name = typed.simplified();
        if (name.isEmpty())
            return;
        QSettings settings;
        QVariantMap views = settings.value(ViewsKey).toMap();
        views.insert(name, saved(filter()));
        settings.setValue(ViewsKey, views);
        listViews(name);
        emit statusMessage(tr("Saved the view \"%1\".").arg(name));
    });
    dialog->open();
}

void AuditView::deleteView() {
    if (m_views->currentIndex() <= 0)
        return;
    const QString name = m_views->currentText();
    QSettings settings;
    QVariantMap views = settings.value(ViewsKey).toMap();
    views.remove(name);
    settings.setValue(ViewsKey, views);
    listViews();
    emit statusMessage(tr("Deleted the view \"%1\".").arg(name));
}

void AuditView::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (!m_started)
        applyFilter();
}

void AuditView::applyFilter() {
    m_debounce->stop();
    m_started = true;
    const EventFilter f = filter();
    // The view's name stays only while the filters are still the view's.
    if (m_views->currentIndex() > 0 &&
        filterOf(QSettings().value(ViewsKey).toMap().value(m_views->currentText()).toMap()) != f)
        listViews();
    // The table may have fetched the first page before the tab was ever shown: keep it, but
    // the count is still to be made.
    if (f == m_model->filter() && m_model->rowCount() > 0) {
        if (m_count < 0)
            countMatches();
        return;
    }
    m_model->setFilter(f);
    countMatches();
}

void AuditView::refresh() {
    if (m_started)
        m_model->refresh();
}

void AuditView::rereadPersonalData() {
    if (m_started)
        m_model->setFilter(m_model->filter());
}

void AuditView::setChartKey(ActivityKey key) {
    m_chartKey->setCurrentIndex(m_chartKey->findData(int(key)));
    QSettings().setValue(ChartKeyKey, int(key));
    if (m_started)
        countMatches();
}

void AuditView::countMatches() {
    // Counting a million events with a text filter takes a while: on a job of its own, and an
    // answer for an older filter is dropped. Older jobs finish on their own and go.
    m_count = -1;
    m_countLabel->setText(tr("Counting matches…"));
    m_chart->setMessage(tr("Counting…"));
    const quint64 generation = ++m_countGeneration;
    struct Tally {
        qint64 count = 0;
        QList<ActivityCount> activity;
    };
    const auto key = ActivityKey(m_chartKey->currentData().toInt());
    const bool charted = m_chartShown->isChecked();
    auto *job = new ServiceThread(m_connection.url(), OpenMode::ExistingOnly,
                                  QStringLiteral("count"), this);
    job->run(
        this,
        [f = m_model->filter(), key, charted](OrderService &service,
                                              const ServiceThread::Job &) -> Result<Tally> {
            auto count = service.countEvents(f);
            if (!count)
                return count.error();
            if (!charted)
                return Tally{count.value(), {}};
            auto activity = service.activity(f, key);
            if (!activity)
                return activity.error();
            return Tally{count.value(), activity.value()};
        },
        [this, job, generation, key, f = m_model->filter()](Result<Tally> tally) {
            job->deleteLater();
            if (generation != m_countGeneration)
                return;
            if (!tally) {
                const QString message =
                    tr("Cannot count the matches: %1").arg(tally.error().message);
                m_countLabel->setText(message);
                m_chart->setMessage(message);
                return;
            }
            m_count = tally->count;
            m_chart->setActivity(tally->activity, f.fromMs, f.toMs, key);
            m_countLabel->setText(
                f == EventFilter()
                    ? tr("Events: %1 in all, newest first").arg(QLocale().toString(m_count))
                    : tr("Matching events: %1, newest first").arg(QLocale().toString(m_count)));
            emit countChanged(m_count);
        });
}

void AuditView::openCurrent(const QModelIndex &index) {
    if (!index.isValid())
        return;
    const DomainEvent &event = m_model->eventAt(index.row());
    if (event.aggregateType == OrderAggregate::Type)
        emit openTimeline(event.aggregateId, event.metadata.version);
    else
        emit openRecord(event.aggregateType, event.aggregateId);
}

void AuditView::showVerifyDialog() {
    auto *dialog = new VerifyDialog(m_connection.url(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VerifyDialog::openTimeline, this, &AuditView::openTimeline);
    dialog->open();
    dialog->startVerify();
}

void AuditView::showCheckpointDialog() {
    auto *dialog = new CheckpointDialog(m_connection.url(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AuditView::showExportDialog() {
    const EventFilter f = filter();
    const QString what =
        f == EventFilter()
            ? tr("every event")
            : (m_count >= 0
                   ? tr("the %1 events the filters select").arg(QLocale().toString(m_count))
                   : tr("the events the filters select"));
    auto *dialog = new ExportDialog(m_connection.url(), f, what, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace ot
