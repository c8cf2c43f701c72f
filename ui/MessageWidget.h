#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace ot {

// A message shown inline, above what it is about (after KeePassXC's MessageWidget and KDE's
// KMessageWidget): an icon, selectable text, optional action buttons and a close button, tinted
// from the current palette so it reads in light and dark themes. Replaces message boxes for
// expected outcomes: a rule the core rejected, a version conflict, an offer.
class MessageWidget final : public QWidget {
    Q_OBJECT
public:
    enum class Type { Positive, Information, Warning, Error };

    explicit MessageWidget(QWidget *parent = nullptr);

    // Shows `text` (plain text) with buttons for `actions` (none: just the close button).
    void showMessage(const QString &text, Type type, const QList<QAction *> &actions = {});
    void hideMessage();

    QString text() const;
    Type type() const { return m_type; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Type m_type = Type::Information;
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QToolButton *m_close;
    QPointer<QWidget> m_returnFocus; // the focus before the message showed
};

} // namespace ot
