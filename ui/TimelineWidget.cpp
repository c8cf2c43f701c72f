#include "TimelineWidget.h"

#include "DeskConnection.h"
#include "ExportDialog.h"
#include "TimelineDelegate.h"
#include "TimelineModel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ot {

namespace {
const QString SpeedKey = QStringLiteral("timeline/speed");
const QString SplitterKey = QStringLiteral("timeline/splitter");
constexpr int Speeds[] = {1, 2, 5, 10, 25, 100}; // events per second
} // namespace

TimelineWidget::TimelineWidget(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_model(new TimelineModel(connection, this))
    , m_title(new QLabel(this))
    , m_view(new QListView(this))
    , m_state(new OrderStateView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_player(new QTimer(this)) {
    setObjectName(QStringLiteral("timeline"));
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TimelineDelegate(m_view));
    // Same height for every row: the view never asks 10,000 rows for their size.
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setMinimumWidth(fontMetrics().averageCharWidth() * 50);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    versionChosen(current.row() + 1);
            });
    connect(m_model, &TimelineModel::loaded, this, &TimelineWidget::modelLoaded);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineWidget::updateControls);

    m_first = makeAction(tr("First event"), QKeySequence(tr("Alt+Home")), "timelineFirst");
    m_back = makeAction(tr("Step back"), QKeySequence(tr("Alt+Left")), "timelineBack");
    m_play = makeAction(tr("Play"), QKeySequence(tr("Alt+P")), "timelinePlay");
    m_forward = makeAction(tr("Step forward"), QKeySequence(tr("Alt+Right")), "timelineForward");
    m_last = makeAction(tr("Latest event"), QKeySequence(tr("Alt+End")), "timelineLast");
    m_export =
        makeAction(tr("Export History…"), QKeySequence(tr("Ctrl+Shift+E")), "timelineExport");
    m_first->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    m_back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setCheckable(true);
    m_forward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_last->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    connect(m_first, &QAction::triggered, this, [this] { setCurrentVersion(1); });
    connect(m_back, &QAction::triggered, this, [this] { step(-1); });
    connect(m_play, &QAction::toggled, this, &TimelineWidget::setPlaying);
    connect(m_forward, &QAction::triggered, this, [this] { step(1); });
    connect(m_last, &QAction::triggered, this, [this] { setCurrentVersion(m_model->rowCount()); });
    connect(m_export, &QAction::triggered, this, &TimelineWidget::exportHistory);

    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setAccessibleName(tr("Version"));
    m_slider->setPageStep(10);
    connect(m_slider, &QSlider::valueChanged, this, &TimelineWidget::setCurrentVersion);

    m_speed->setObjectName(QStringLiteral("timelineSpeed"));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (int speed : Speeds)
        m_speed->addItem(tr("%n event(s) per second", nullptr, speed), speed);
    const int savedSpeed = QSettings().value(SpeedKey, 2).toInt();
    m_speed->setCurrentIndex(qMax(0, m_speed->findData(savedSpeed)));
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(SpeedKey, m_speed->currentData());
        if (m_player->isActive())
            m_player->start(1000 / m_speed->currentData().toInt());
    });
    connect(m_player, &QTimer::timeout, this, &TimelineWidget::playTick);

    const auto button = [this](QAction *action) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(action);
        b->setAutoRaise(true);
        return b;
    };
    auto *controls = new QHBoxLayout;
    for (QAction *action : {m_first, m_back, m_play, m_forward, m_last})
        controls->addWidget(button(action));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_position);
    controls->addWidget(m_speed);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addLayout(controls);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_state);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->restoreState(QSettings().value(SplitterKey).toByteArray());

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(button(m_export));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_view, m_slider);
    setFocusProxy(m_view);
    modelLoaded(0, {});
}

TimelineWidget::~TimelineWidget() {
    QSettings().setValue(SplitterKey, m_splitter->saveState());
}

QAction *TimelineWidget::makeAction(const QString &text, const QKeySequence &shortcut,
                                    const char *name) {
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(shortcut);
    // Only while the timeline has the focus: Alt+arrows mean other things elsewhere.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    addAction(action);
    return action;
}

QList<QAction *> TimelineWidget::replayActions() const {
    return {m_first, m_back, m_play, m_forward, m_last, m_export};
}

QString TimelineWidget::orderId() const {
    return m_model->orderId();
}

qint64 TimelineWidget::currentVersion() const {
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() + 1 : 0;
}

void TimelineWidget::showOrder(const QString &orderId, std::optional<qint64> version) {
    if (!isVisible()) {
        m_pendingOrder = orderId;
        m_pendingVersion = version;
        return;
    }
    m_pendingOrder.reset();
    if (orderId == m_model->orderId() && m_model->rowCount() > 0) {
        if (version)
            setCurrentVersion(*version);
        return;
    }
    setPlaying(false);
    m_pendingVersion = version;
    m_wanted = 0;
    m_model->setOrder(orderId);
    m_title->setText(orderId.isEmpty() ? tr("No order chosen") : tr("Loading %1…").arg(orderId));
    m_state->clear(orderId.isEmpty() ? tr("Choose an order to see its history.") : tr("Loading…"));
    m_view->setAccessibleName(tr("Timeline of order %1").arg(orderId));
    updateControls();
}

void TimelineWidget::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (m_pendingOrder) {
        const QString id = *m_pendingOrder;
        showOrder(id, m_pendingVersion);
    }
}

void TimelineWidget::reload() {
    m_model->refresh();
}

void TimelineWidget::rereadPersonalData() {
    m_model->reread();
    requestState();
}

void TimelineWidget::modelLoaded(int events, const QString &error) {
    const QString id = m_model->orderId();
    if (id.isEmpty())
        m_title->setText(tr("No order chosen: select one in the orders list or the audit view."));
    else if (!error.isEmpty())
        m_title->setText(tr("Cannot read the history of %1: %2").arg(id, error));
    else if (events == 0)
        m_title->setText(tr("Order %1 has no events.").arg(id));
    else
        m_title->setText(
            tr("History of order %1: %n event(s), oldest first", nullptr, events).arg(id));
    if (events == 0 && !id.isEmpty())
        m_state->clear(m_title->text());
    updateControls();
    if (events > 0) {
        setCurrentVersion(m_pendingVersion.value_or(events));
        m_pendingVersion.reset();
    }
}

void TimelineWidget::setCurrentVersion(qint64 version) {
    const int count = m_model->rowCount();
    if (count == 0)
        return;
    version = std::clamp<qint64>(version, 1, count);
    const QModelIndex index = m_model->index(int(version) - 1);
    if (m_view->currentIndex() != index)
        m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void TimelineWidget::versionChosen(qint64 version) {
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(int(version));
    }
    const QLocale locale;
    m_position->setText(
        tr("%1 / %2").arg(locale.toString(version), locale.toString(m_model->rowCount())));
    m_wanted = version;
    updateControls();
    requestState();
}

void TimelineWidget::requestState() {
    if (m_stateLoading || m_wanted <= 0)
        return;
    m_stateLoading = true;
    const QString id = m_model->orderId();
    const qint64 version = m_wanted;
    m_connection.run(
        this, [id, version](OrderService &service) { return service.orderVersion(id, version); },
        [this, id, version](Result<OrderVersion> replayed) {
            stateArrived(id, version, std::move(replayed));
        });
}

void TimelineWidget::stateArrived(const QString &orderId, qint64 version,
                                  Result<OrderVersion> replayed) {
    m_stateLoading = false;
    if (orderId != m_model->orderId()) {
        requestState();
        return;
    }
    if (!replayed) {
        m_state->clear(tr("Cannot rebuild %1 at version %2: %3")
                           .arg(orderId)
                           .arg(version)
                           .arg(replayed.error().message));
    } else {
        // Shown even when the user has moved on meanwhile: something to look at while the
        // version chosen last loads.
        m_state->showVersion(replayed.value());
        m_model->setRelatedTo(replayed.value().relatedTotal > 1
                                  ? replayed.value().event.metadata.correlationId
                                  : QString());
        emit stateShown(version);
    }
    if (m_wanted != version)
        requestState();
}

void TimelineWidget::exportHistory() {
    const QString id = orderId();
    if (id.isEmpty())
        return;
    EventFilter filter;
    filter.aggregateType = OrderAggregate::Type;
    filter.aggregateId = id;
    auto *dialog =
        new ExportDialog(m_connection.url(), filter, tr("the history of order %1").arg(id), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPath(QFileInfo(dialog->path()).dir().filePath(id + QStringLiteral(".csv")));
    dialog->open();
    emit exportOpened(dialog);
}

void TimelineWidget::step(qint64 delta) {
    const qint64 current = currentVersion();
    if (current > 0)
        setCurrentVersion(current + delta);
}

void TimelineWidget::setPlaying(bool playing) {
    if (m_play->isChecked() != playing) {
        m_play->setChecked(playing); // comes back here through toggled()
        return;
    }
    if (playing) {
        // Playing from the end starts again at the beginning.
        if (currentVersion() >= m_model->rowCount())
            setCurrentVersion(1);
        m_player->start(1000 / m_speed->currentData().toInt());
    } else {
        m_player->stop();
    }
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(
        tr("%1 (%2)").arg(m_play->text(), m_play->shortcut().toString(QKeySequence::NativeText)));
}

void TimelineWidget::playTick() {
    // While a state loads, the player waits for it rather than skipping versions.
    if (m_stateLoading)
        return;
    if (currentVersion() >= m_model->rowCount()) {
        setPlaying(false);
        return;
    }
    step(1);
}

void TimelineWidget::updateControls() {
    const int count = m_model->rowCount();
    const qint64 current = currentVersion();
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(count > 0 ? 1 : 0, count);
        m_slider->setValue(int(current));
    }
    m_slider->setEnabled(count > 1);
    m_first->setEnabled(current > 1);
    m_back->setEnabled(current > 1);
    m_forward->setEnabled(current > 0 && current < count);
    m_last->setEnabled(current > 0 && current < count);
    m_play->setEnabled(count > 1);
    m_export->setEnabled(count > 0);
    if (count == 0)
        m_position->clear();
}

} // namespace ot
