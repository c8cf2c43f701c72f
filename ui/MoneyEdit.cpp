#include "MoneyEdit.h"

#include <QRegularExpressionValidator>

namespace ot {

MoneyEdit::MoneyEdit(QWidget *parent)
    : QLineEdit(parent) {
    // Up to 999,999,999.99, Money::MaxPriceCents; the core checks again.
    setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,9}([.,][0-9]{0,2})?")), this));
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setPlaceholderText(tr("0.00"));
    setClearButtonEnabled(false);
}

namespace {
QString withPoint(const QLineEdit *edit) {
    QString decimal = edit->text().trimmed();
    decimal.replace(u',', u'.');
    return decimal;
}
} // namespace

QString MoneyEdit::decimalText() const {
    return withPoint(this);
}

PercentEdit::PercentEdit(QWidget *parent)
    : QLineEdit(parent) {
    setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,3}([.,][0-9]{0,4})?")), this));
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

QString PercentEdit::decimalText() const {
    return withPoint(this);
}

} // namespace ot
