#pragma once

// What the desk's tests share: a desk opened as a user opens it, picking a record as a user
// does, and registering the customers and products there are to pick.
#include "DeskConnection.h"
#include "MainWindow.h"
#include "MessageWidget.h"
#include "RecordPicker.h"
#include "TestSupport.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QPushButton>
#include <QSignalSpy>

namespace ot::test {

// The child of `root` named `name`.
template <typename T> T *child(QObject *root, const char *name) {
    return root->findChild<T *>(QLatin1String(name));
}

// A desk on `url`, shown and active (shortcuts need an active window), its database open; null
// when it did not open.
inline std::unique_ptr<MainWindow> openDesk(const DatabaseUrl &url) {
    auto window = std::make_unique<MainWindow>(url);
    QSignalSpy opened(window->connection(), &DeskConnection::opened);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()) || (opened.isEmpty() && !opened.wait()))
        return nullptr;
    return window;
}

// The button a message offers for an action, by its text.
inline QPushButton *messageButton(MessageWidget *message, const QString &text) {
    const auto buttons = message->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

// Types `text` into a picker, waits for its list, and picks the first match with the keyboard.
// False when no list of matches showed up.
[[nodiscard]] inline bool pick(RecordPicker *picker, const QString &text) {
    // The list opens for the field that has the focus, in the active window.
    picker->window()->activateWindow();
    if (!QTest::qWaitForWindowActive(picker->window()))
        return false;
    picker->setFocus();
    QTest::keyClicks(picker, text);
    QAbstractItemView *list = picker->list()->popup();
    if (!QTest::qWaitFor([&] { return list->isVisible() && list->model()->rowCount() > 0; }))
        return false;
    QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Return);
    return QTest::qWaitFor([&] { return picker->picked().has_value(); });
}

// A customer under `id`, with a shipping address.
inline void registerCustomer(OrderService &service, const QString &id, const QString &name,
                             const QString &city = QStringLiteral("Berlin")) {
    const Address address{
        QStringLiteral("Hauptstraße 1"), {}, QStringLiteral("10115"), city, QStringLiteral("DE")};
    auto done = service.execute(
        OrderService::command(id,
                              CustomerCommands::registerCustomer(
                                  name, QStringLiteral("buyer@example.com"), {}, address, address),
                              QStringLiteral("setup")));
    if (!done)
        qFatal("cannot register %s: %s", qPrintable(id), qPrintable(done.error().message));
}

inline void addProduct(OrderService &service, const QString &sku, const QString &name,
                       const QString &price, const QString &taxRate) {
    auto done = service.execute(OrderService::command(
        sku, ProductCommands::add(name, price, taxRate), QStringLiteral("setup")));
    if (!done)
        qFatal("cannot add %s: %s", qPrintable(sku), qPrintable(done.error().message));
}

} // namespace ot::test
