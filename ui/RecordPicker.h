#pragma once

#include "es/Result.h"

#include <QJsonObject>
#include <QLineEdit>

#include <functional>
#include <optional>

class QCompleter;
class QStandardItemModel;
class QTimer;

namespace ot {

class DeskConnection;
class OrderService;

// One record a picker offers: what the field shows once it is picked, and the line in the list.
struct PickerChoice {
    QString id;
    QString text;   // in the field once picked
    QString detail; // in the list: the text with what tells records apart
    QJsonObject data;
};

// A field that finds a record as the user types (a few letters of a name, a number, a city) and
// offers the matches in a list to pick from with the arrow keys and Return, or the mouse. Only a
// record picked from the list counts: editing the text again lets go of it.
class RecordPicker final : public QLineEdit {
    Q_OBJECT
public:
    // How many records a lookup offers at most.
    static constexpr int Matches = 20;
    // Runs on the database thread: the records matching the text typed.
    using Lookup = std::function<Result<QList<PickerChoice>>(OrderService &, const QString &)>;
    // The lookup of registered customers (not forgotten) whose number, name, e-mail or city
    // contains `search`.
    static Result<QList<PickerChoice>> customers(OrderService &service, const QString &search);

    RecordPicker(DeskConnection &connection, Lookup lookup, QWidget *parent = nullptr);

    const std::optional<PickerChoice> &picked() const { return m_picked; }
    // Lets go of the pick and empties the field.
    void reset();
    QCompleter *list() const { return m_completer; }

signals:
    void pickedChanged();
    // The list's matches arrived (or the lookup failed: `error` says why).
    void matchesShown(const QString &error);

private:
    void lookUp();
    void pick(const QModelIndex &index);

    DeskConnection &m_connection;
    Lookup m_lookup;
    QStandardItemModel *m_matches;
    QCompleter *m_completer;
    QTimer *m_delay;
    QList<PickerChoice> m_choices;
    std::optional<PickerChoice> m_picked;
};

} // namespace ot
