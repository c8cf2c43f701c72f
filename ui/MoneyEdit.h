#pragma once

#include <QLineEdit>

namespace ot {

// An exact decimal amount editor: digits with at most two decimals, kept as text and handed to
// the core as a decimal string (which reads it as Money), never through a double as a
// QDoubleSpinBox would. Accepts a comma as the decimal separator too. Undo is QLineEdit's.
class MoneyEdit final : public QLineEdit {
    Q_OBJECT
public:
    explicit MoneyEdit(QWidget *parent = nullptr);

    // The text as the core reads amounts ("12.50"), whatever separator was typed.
    QString decimalText() const;
};

// An exact percentage editor (a tax rate): up to three digits and four decimals, a comma taken
// as the decimal separator; the core checks the range (Percent).
class PercentEdit final : public QLineEdit {
    Q_OBJECT
public:
    explicit PercentEdit(QWidget *parent = nullptr);

    // The text as the core reads percentages ("7.5"); empty when nothing was typed.
    QString decimalText() const;
};

} // namespace ot
