#pragma once

#include "orders/MasterDataVocabulary.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>

#include <optional>

class QFormLayout;
class QLineEdit;
class QWidget;

namespace ot {

// The parts of an address in a form (a customer's, an order's shipping address); all empty
// means no address.
struct AddressFields {
    Q_DECLARE_TR_FUNCTIONS(AddressFields)
public:
    QLineEdit *line1, *line2, *postalCode, *city, *country;

    // The fields are children of `parent`, named `name` + "Line1", "City" and so on.
    AddressFields(QWidget *parent, const QString &name);
    QList<QLineEdit *> all() const { return {line1, line2, postalCode, city, country}; }
    void addTo(QFormLayout *form) const;
    // None when every part is empty.
    std::optional<Address> address() const;
    // As a change sends it: null for none, which clears an address.
    QJsonValue value() const;
    void set(const QJsonValue &value) const;
};

} // namespace ot
