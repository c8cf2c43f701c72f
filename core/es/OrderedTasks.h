#pragma once

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <functional>

namespace ot {

// Work run on the thread pool while the caller goes on (reading the next rows of a scan), its
// results handed back on the caller's thread in the order the work was submitted. A few tasks
// in flight per thread keep every core busy and the memory bounded: submit() takes the oldest
// results first when more are in flight.
template <typename T> class OrderedTasks {
public:
    using Take = std::function<void(T result)>;

    explicit OrderedTasks(Take take)
        : m_take(std::move(take)) {}
    // Abandoned: waits for the tasks, which may refer to the caller's data.
    ~OrderedTasks() {
        for (auto &task : m_tasks)
            task.waitForFinished();
    }
    OrderedTasks(const OrderedTasks &) = delete;
    OrderedTasks &operator=(const OrderedTasks &) = delete;

    template <typename Work> void submit(Work work) {
        m_tasks.push_back(QtConcurrent::run(std::move(work)));
        const qsizetype inFlight = qsizetype(2) * QThreadPool::globalInstance()->maxThreadCount();
        while (qsizetype(m_tasks.size()) > inFlight)
            takeOldest();
    }

    // Runs `work` on this thread once every task submitted has been taken, and takes its
    // result: for work that uses the caller's database connection.
    template <typename Work> void runHere(Work work) {
        finish();
        m_take(work());
    }

    // Waits for every task submitted; each result has been taken.
    void finish() {
        while (!m_tasks.empty())
            takeOldest();
    }

private:
    void takeOldest() {
        T result = m_tasks.front().takeResult();
        m_tasks.pop_front();
        m_take(std::move(result));
    }

    Take m_take;
    std::deque<QFuture<T>> m_tasks;
};

} // namespace ot
