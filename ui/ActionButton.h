#pragma once

#include <QAction>
#include <QToolButton>

namespace ot {

// A button for `action`, labelled with its text: enabled, tooltip and shortcut follow the action,
// which stays the one place that decides them.
inline QToolButton *textButton(QAction *action, QWidget *parent) {
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace ot
