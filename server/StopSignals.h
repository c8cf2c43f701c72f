#pragma once

#include <QObject>

class QSocketNotifier;

namespace ot::http {

// Turns SIGINT and SIGTERM into the Qt signal stopRequested(), emitted in the event loop of the
// thread that made this object: a signal handler may do almost nothing, so it only writes a
// byte to a socket pair that a QSocketNotifier watches. After the first one both signals take
// their default action again, so a second Ctrl-C ends a shutdown that hangs. One instance at a
// time.
class StopSignals final : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

signals:
    void stopRequested();

private:
    static void handle(int signal);
    void received();
    static void restoreDefaults();

    static inline int s_pipe[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ot::http
