#include "MessageWidget.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace ot {

namespace {

QColor baseColour(MessageWidget::Type type) {
    switch (type) {
    case MessageWidget::Type::Positive:
        return QColor(0x27, 0xae, 0x60);
    case MessageWidget::Type::Information:
        return QColor(0x3d, 0xae, 0xe9);
    case MessageWidget::Type::Warning:
        return QColor(0xf6, 0x74, 0x00);
    case MessageWidget::Type::Error:
        return QColor(0xda, 0x44, 0x53);
    }
    return {};
}

QStyle::StandardPixmap icon(MessageWidget::Type type) {
    switch (type) {
    case MessageWidget::Type::Positive:
        return QStyle::SP_DialogApplyButton;
    case MessageWidget::Type::Information:
        return QStyle::SP_MessageBoxInformation;
    case MessageWidget::Type::Warning:
        return QStyle::SP_MessageBoxWarning;
    case MessageWidget::Type::Error:
        return QStyle::SP_MessageBoxCritical;
    }
    return QStyle::SP_MessageBoxInformation;
}

// `a` over `b` at `amount` (0..1).
QColor mix(const QColor &a, const QColor &b, double amount) {
    return QColor::fromRgbF(float(a.redF() * amount + b.redF() * (1 - amount)),
                            float(a.greenF() * amount + b.greenF() * (1 - amount)),
                            float(a.blueF() * amount + b.blueF() * (1 - amount)));
}

} // namespace

MessageWidget::MessageWidget(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_buttons(new QHBoxLayout)
    , m_close(new QToolButton(this)) {
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_icon->setAlignment(Qt::AlignTop);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close message"));
    connect(m_close, &QToolButton::clicked, this, &MessageWidget::hideMessage);

    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // never taller than its text
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageWidget::showMessage(const QString &text, Type type, const QList<QAction *> &actions) {
    if (QWidget *focus = QApplication::focusWidget(); focus && !isAncestorOf(focus))
        m_returnFocus = focus;
    m_type = type;
    m_text->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon(type)).pixmap(size, size));
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (QAction *action : actions) {
        auto *button = new QPushButton(action->icon(), action->text(), this);
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_buttons->addWidget(button, 0, Qt::AlignTop);
    }
    update();
    show();
}

void MessageWidget::hideMessage() {
    // A button of the message that had the focus would hand it to whatever widget happens to
    // come next: it goes back to where the user was when the message came.
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    hide();
    m_text->clear();
    if (hadFocus && m_returnFocus && m_returnFocus->isVisible())
        m_returnFocus->setFocus(Qt::OtherFocusReason);
}

QString MessageWidget::text() const {
    return isHidden() ? QString() : m_text->text();
}

// A light tint of the type's colour over the window colour, with a border in the colour
// itself: readable with the palette's own text colour in light and dark themes.
void MessageWidget::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor base = baseColour(m_type);
    painter.setPen(QPen(base, 1));
    painter.setBrush(mix(base, palette().color(QPalette::Window), 0.2));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace ot
