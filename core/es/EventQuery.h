#pragma once

#include <QString>

#include <optional>

namespace ot {

// What a reader of the event history asks for: the values front ends pass through the service
// to the event store.

// Which events a query selects; empty members do not filter. Time bounds are UTC ms, [from, to).
struct EventFilter {
    QString userId;
    QString eventType;
    QString aggregateType; // give it with aggregateId: the stream index starts with the type
    QString aggregateId;
    // One stream with every stream linked to it (the service names the links: a customer's
    // orders); give both or neither.
    QString relatedType;
    QString relatedId;
    QString correlationId;
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    // Occurs in the event's data as stored (JSON; quotes and backslashes count as written in a
    // JSON string), ignoring the case of ASCII letters; a full-text index serves it.
    QString text;

    bool operator==(const EventFilter &) const = default;
};

enum class Direction { OldestFirst, NewestFirst };

// What the activity of a filter is told apart by: the event's type or the user who recorded it.
enum class ActivityKey { Type, User };

// The UTC hour an event recorded at `ms` is counted in, by its start (ms); the database's
// hourly counts take the same hours (recorded_at / 3600000 * 3600000).
constexpr qint64 ActivityHourMs = 3600000;
constexpr qint64 activityHourOf(qint64 ms) {
    return ms - ((ms % ActivityHourMs) + ActivityHourMs) % ActivityHourMs;
}

// How many of the events a filter selects were recorded in one UTC hour (its start, ms) with one
// key (a type or a user).
struct ActivityCount {
    qint64 hourMs = 0;
    QString key;
    qint64 count = 0;
    friend bool operator==(const ActivityCount &, const ActivityCount &) = default;
};

// Where a follower of the global order stands: the last event it has read, by the key the
// database commits in (ARCHITECTURE.md, Global order). Start from {}.
struct CommitCursor {
    quint64 transaction = 0;
    qint64 position = 0;
    friend bool operator==(const CommitCursor &, const CommitCursor &) = default;
};

} // namespace ot
