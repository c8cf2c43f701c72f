#include "MainWindow.h"

#include "service/OrderService.h"

#include <QLabel>
#include <QStatusBar>

namespace ot {

MainWindow::MainWindow(OrderService &service, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_summary(new QLabel(this)) {
    setWindowTitle(tr("OrderTrail"));
    m_summary->setAlignment(Qt::AlignCenter);
    m_summary->setTextFormat(Qt::PlainText);
    setCentralWidget(m_summary);
    statusBar()->showMessage(tr("Database: %1").arg(service.url().toString()));
    resize(800, 500);
    refresh();
}

void MainWindow::refresh() {
    auto orders = m_service.orders();
    if (!orders) {
        m_summary->setText(orders.error().message);
        return;
    }
    QMap<OrderStatus, int> counts;
    for (const OrderSummary &summary : orders.value())
        ++counts[summary.status];
    QStringList lines{tr("Orders: %1").arg(orders->size())};
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        lines << tr("%1: %2").arg(orderStatusName(it.key())).arg(it.value());
    m_summary->setText(lines.join(u'\n'));
}

} // namespace ot
