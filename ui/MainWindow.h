#pragma once

#include <QMainWindow>

class QLabel;

namespace ot {

class OrderService;

// The first window: which database is open and how many orders it holds per status. The staff
// desk replaces its centre.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(OrderService &service, QWidget *parent = nullptr);

    // Reloads what the window shows; connected to the core's ChangeFeed by the application.
    void refresh();

private:
    OrderService &m_service;
    QLabel *m_summary;
};

} // namespace ot
