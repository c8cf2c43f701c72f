#include "AddressFields.h"

#include "es/Sealed.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace ot {

AddressFields::AddressFields(QWidget *parent, const QString &name) {
    const auto make = [&](const char *part) {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(name + QLatin1String(part));
        return edit;
    };
    line1 = make("Line1");
    line2 = make("Line2");
    postalCode = make("PostalCode");
    city = make("City");
    country = make("Country");
    country->setMaxLength(2);
    country->setPlaceholderText(tr("DE"));
    country->setToolTip(tr("The country's two-letter ISO 3166 code"));
    country->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), country));
}

void AddressFields::addTo(QFormLayout *form) const {
    form->addRow(tr("Street:"), line1);
    form->addRow(tr("Line 2:"), line2);
    auto *place = new QHBoxLayout;
    place->addWidget(postalCode, 1);
    place->addWidget(city, 3);
    form->addRow(tr("Postal code, city:"), place);
    country->setMaximumWidth(country->fontMetrics().averageCharWidth() * 8);
    form->addRow(tr("Country:"), country);
}

std::optional<Address> AddressFields::address() const {
    const auto part = [](const QLineEdit *edit) { return edit->text().trimmed(); };
    const Address typed{part(line1), part(line2), part(postalCode), part(city),
                        part(country).toUpper()};
    if (typed.toJson() == Address{}.toJson())
        return std::nullopt;
    return typed;
}

QJsonValue AddressFields::value() const {
    const auto typed = address();
    return typed ? QJsonValue(typed->toJson()) : QJsonValue(QJsonValue::Null);
}

void AddressFields::set(const QJsonValue &value) const {
    const QJsonObject a = value.toObject();
    for (auto [edit, part] :
         {std::pair{line1, &CustomerField::Line1}, std::pair{line2, &CustomerField::Line2},
          std::pair{postalCode, &CustomerField::PostalCode}, std::pair{city, &CustomerField::City},
          std::pair{country, &CustomerField::Country}})
        edit->setText(sealed::isErased(value) ? QString() : a.value(*part).toString());
}

} // namespace ot
