#include "StopSignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace ot::http {

StopSignals::StopSignals(QObject *parent)
    : QObject(parent) {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_pipe) != 0)
        qFatal("cannot create a socket pair for signal handling");
    m_notifier = new QSocketNotifier(s_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::received);
    struct sigaction action = {};
    action.sa_handler = &StopSignals::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

StopSignals::~StopSignals() {
    restoreDefaults();
    ::close(s_pipe[0]);
    ::close(s_pipe[1]);
    s_pipe[0] = s_pipe[1] = -1;
}

void StopSignals::handle(int signal) {
    const char byte = char(signal);
    // Nothing to do if it fails: the pipe is only full when a stop is pending anyway.
    [[maybe_unused]] const ssize_t written = ::write(s_pipe[0], &byte, 1);
}

void StopSignals::received() {
    char byte = 0;
    [[maybe_unused]] const ssize_t read = ::read(s_pipe[1], &byte, 1);
    restoreDefaults();
    emit stopRequested();
}

void StopSignals::restoreDefaults() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace ot::http
