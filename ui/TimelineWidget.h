#pragma once

#include "OrderStateView.h"

#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QListView;
class QSlider;
class QSplitter;
class QTimer;

namespace ot {

class DeskConnection;
class ExportDialog;
class TimelineModel;

// An order's history as a timeline: one entry per event, oldest at the top, and beside it the
// order as it was at the chosen version. The version is chosen by clicking an entry, the
// slider, the keyboard (arrows, Page Up/Down, Home/End in the list; the step actions anywhere
// in the timeline) or by playing the history at a chosen speed. The state is loaded for the
// version chosen last: jumping from version 1 to 5,000 rebuilds the order once (from a
// snapshot), not 5,000 times, and while one load runs further choices only replace the next.
class TimelineWidget final : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(DeskConnection &connection, QWidget *parent = nullptr);
    ~TimelineWidget() override;

    // Shows `orderId`'s history at `version` (the latest when not given). While the timeline is
    // hidden, only remembered: it loads when shown.
    void showOrder(const QString &orderId, std::optional<qint64> version = std::nullopt);
    // Picks up events committed since (someone else's too).
    void reload();
    // Reads the events and the state shown again (a customer's data was erased).
    void rereadPersonalData();

    QString orderId() const;
    qint64 currentVersion() const;
    void setCurrentVersion(qint64 version);

    TimelineModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    OrderStateView *stateView() const { return m_state; }
    QList<QAction *> replayActions() const;

signals:
    // The state at `version` is on screen.
    void stateShown(qint64 version);
    // The export dialog for this order's history is open.
    void exportOpened(ot::ExportDialog *dialog);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const char *name);
    void modelLoaded(int events, const QString &error);
    void versionChosen(qint64 version);
    void requestState();
    void stateArrived(const QString &orderId, qint64 version, Result<OrderVersion> replayed);
    void exportHistory();
    void step(qint64 delta);
    void setPlaying(bool playing);
    void playTick();
    void updateControls();

    DeskConnection &m_connection;
    TimelineModel *m_model;
    QLabel *m_title;
    QListView *m_view;
    OrderStateView *m_state;
    QSplitter *m_splitter;
    QSlider *m_slider;
    QLabel *m_position;
    QComboBox *m_speed;
    QTimer *m_player;

    QAction *m_first;
    QAction *m_back;
    QAction *m_play;
    QAction *m_forward;
    QAction *m_last;
    QAction *m_export;

    std::optional<QString> m_pendingOrder; // asked for while hidden
    std::optional<qint64> m_pendingVersion;
    qint64 m_wanted = 0;         // the version whose state should be shown
    bool m_stateLoading = false; // one state load at a time
};

} // namespace ot
