#include "TestSupport.h"

class TestOrders : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestOrders)
#include "test_orders.moc"
