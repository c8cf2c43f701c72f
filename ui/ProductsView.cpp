#include "ProductsView.h"

#include "ActionButton.h"
#include "DeskConnection.h"
#include "EventText.h"
#include "MessageWidget.h"
#include "MoneyEdit.h"
#include "RecordList.h"

#include <QAction>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ot {

namespace {
Result<QList<RecordRow>> productRows(OrderService &service, const QString &search, int limit) {
    auto page = service.productPage(search, {}, {}, limit);
    if (!page)
        return page.error();
    QList<RecordRow> rows;
    for (const ProductSummary &p : page.value()) {
        const bool discontinued = p.status != ProductWord::Active;
        rows.append({{p.productId, p.name, p.unitPrice.toString(), p.taxRate,
                      discontinued ? ProductsView::tr("discontinued") : ProductsView::tr("active")},
                     discontinued});
    }
    return rows;
}
} // namespace

ProductsView::ProductsView(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(new RecordList(connection,
                            {tr("SKU"), tr("Name"), tr("Unit price"), tr("Tax %"), tr("Status")},
                            productRows, this))
    , m_message(new MessageWidget(this)) {
    setObjectName(QStringLiteral("products"));
    m_list->searchField()->setObjectName(QStringLiteral("productSearch"));
    m_list->searchField()->setPlaceholderText(tr("Search by SKU or name"));
    m_list->table()->setObjectName(QStringLiteral("productTable"));
    m_list->table()->setAccessibleName(tr("Products"));
    connect(m_list, &RecordList::selected, this, &ProductsView::showProduct);

    m_add = makeAction(tr("Add Product"), "addProductAction");
    m_changePrice = makeAction(tr("Change Price"), "changePriceAction");
    m_discontinue = makeAction(tr("Discontinue…"), "discontinueAction");
    connect(m_add, &QAction::triggered, this, &ProductsView::add);
    connect(m_changePrice, &QAction::triggered, this, &ProductsView::changePrice);
    connect(m_discontinue, &QAction::triggered, this, &ProductsView::askToDiscontinue);
    m_confirmDiscontinue = new QAction(tr("Discontinue It"), this);
    m_confirmDiscontinue->setObjectName(QStringLiteral("confirmDiscontinueAction"));
    m_keep = new QAction(tr("Keep It"), this);
    connect(m_confirmDiscontinue, &QAction::triggered, this, &ProductsView::discontinue);
    connect(m_keep, &QAction::triggered, m_message, &MessageWidget::hideMessage);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(m_message);
    sideLayout->addWidget(buildProductBox(), 1);
    sideLayout->addWidget(buildAddForm());
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    showProduct({});
}

QAction *ProductsView::makeAction(const QString &text, const char *name) {
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    addAction(action);
    return action;
}

QWidget *ProductsView::buildAddForm() {
    auto *box = new QGroupBox(tr("Add a product"), this);
    m_addBox = box;
    m_sku = new QLineEdit(box);
    m_sku->setObjectName(QStringLiteral("newSku"));
    m_sku->setPlaceholderText(tr("e.g. SKU-2001"));
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("newProductName"));
    m_price = new MoneyEdit(box);
    m_price->setObjectName(QStringLiteral("newProductPrice"));
    m_taxRate = new PercentEdit(box);
    m_taxRate->setObjectName(QStringLiteral("newProductTaxRate"));
    m_taxRate->setPlaceholderText(tr("e.g. 19 or 7.5"));
    for (QLineEdit *edit :
         {m_sku, m_name, static_cast<QLineEdit *>(m_price), static_cast<QLineEdit *>(m_taxRate)})
        connect(edit, &QLineEdit::returnPressed, m_add, &QAction::trigger);
    auto *form = new QFormLayout(box);
    form->addRow(tr("&SKU:"), m_sku);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("Unit &price:"), m_price);
    form->addRow(tr("&Tax rate (%):"), m_taxRate);
    form->addRow(textButton(m_add, box));
    return box;
}

QWidget *ProductsView::buildProductBox() {
    auto *box = new QGroupBox(tr("Product"), this);
    m_title = new QLabel(box);
    m_title->setObjectName(QStringLiteral("productTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history = new QListWidget(box);
    m_history->setObjectName(QStringLiteral("priceHistory"));
    m_history->setAccessibleName(tr("History of the product's prices"));
    m_newPrice = new MoneyEdit(box);
    m_newPrice->setObjectName(QStringLiteral("newPrice"));
    m_reason = new QLineEdit(box);
    m_reason->setObjectName(QStringLiteral("productReason"));
    m_reason->setPlaceholderText(tr("Reason (optional)"));
    connect(m_newPrice, &QLineEdit::returnPressed, m_changePrice, &QAction::trigger);

    auto *price = new QHBoxLayout;
    price->addWidget(new QLabel(tr("New price:"), box));
    price->addWidget(m_newPrice);
    price->addWidget(m_reason, 1);
    price->addWidget(textButton(m_changePrice, box));
    price->addWidget(textButton(m_discontinue, box));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_title);
    layout->addWidget(new QLabel(tr("History:"), box));
    layout->addWidget(m_history, 1);
    layout->addLayout(price);
    return box;
}

void ProductsView::setEditable(bool editable) {
    m_editable = editable;
    updateActions();
}

void ProductsView::refresh() {
    m_list->refresh();
    if (!m_busy)
        showProduct(m_list->currentId());
}

void ProductsView::showProduct(const QString &sku) {
    const quint64 shown = ++m_shown;
    if (sku.isEmpty()) {
        m_id.clear();
        m_title->setText(tr("Select a product in the list to see its prices and change them."));
        m_history->clear();
        updateActions();
        return;
    }
    using Loaded = std::pair<std::unique_ptr<ProductAggregate>, QList<DomainEvent>>;
    m_connection.run(
        this,
        [sku](OrderService &service) -> Result<Loaded> {
            auto product = service.product(sku);
            if (!product)
                return product.error();
            auto history = service.streamHistory(ProductWord::Type, sku);
            if (!history)
                return history.error();
            return Loaded{std::move(product.value()), history.value()};
        },
        [this, sku, shown](Result<Loaded> loaded) {
            if (shown != m_shown)
                return; // another product was selected meanwhile
            if (!loaded) {
                m_message->showMessage(loaded.error().message, MessageWidget::Type::Error);
                return;
            }
            const ProductAggregate &product = *loaded->first;
            if (sku != m_id)
                m_message->hideMessage(); // a question about another product must not carry over
            m_id = sku;
            m_version = product.version();
            m_discontinued = product.discontinued();
            const QString title =
                tr("%1 — %2: %3, tax %4 %")
                    .arg(sku, product.name(), product.unitPrice().toString(), product.taxRate());
            m_title->setText(m_discontinued ? tr("%1 (discontinued)").arg(title) : title);
            // Newest first: the price now, then how it came to be.
            m_history->clear();
            for (const DomainEvent &event : loaded->second)
                m_history->insertItem(0,
                                      tr("%1 — %2").arg(EventText::time(event.metadata.timestamp),
                                                        EventText::describe(event)));
            updateActions();
        });
}

void ProductsView::add() {
    run(m_sku->text().trimmed(),
        ProductCommands::add(m_name->text().trimmed(), m_price->decimalText(),
                             m_taxRate->decimalText()),
        std::nullopt,
        tr("Added product %1.")); // a SKU taken is the rules' to say
}

void ProductsView::changePrice() {
    run(m_id, ProductCommands::changePrice(m_newPrice->decimalText(), m_reason->text().trimmed()),
        m_version, tr("Changed the price of %1."));
}

void ProductsView::askToDiscontinue() {
    if (m_id.isEmpty() || m_discontinued || m_busy || !m_editable)
        return;
    m_message->showMessage(tr("Discontinue %1? It can no longer be added to orders, and this "
                              "cannot be undone. Orders that have it keep it.")
                               .arg(m_id),
                           MessageWidget::Type::Warning, {m_confirmDiscontinue, m_keep});
}

void ProductsView::discontinue() {
    if (m_id.isEmpty() || m_discontinued)
        return;
    m_message->hideMessage();
    run(m_id, ProductCommands::discontinue(m_reason->text().trimmed()), m_version,
        tr("Discontinued %1: it can no longer be added to orders."));
}

void ProductsView::run(const QString &sku, const CommandBody &body,
                       std::optional<qint64> expectedVersion, const QString &what) {
    if (m_busy || !m_editable)
        return;
    m_busy = true;
    updateActions();
    const Command command = OrderService::command(sku, body, m_user, expectedVersion);
    m_connection.run(
        this, [command](OrderService &service) { return service.execute(command); },
        [this, sku, what,
         adding = body.type == ProductWord::Add](const Result<QList<DomainEvent>> &result) {
            m_busy = false;
            if (!result && result.error().code == ErrorCode::Conflict) {
                m_message->showMessage(tr("Someone else changed %1 meanwhile, so nothing was "
                                          "changed. It is shown as it is now: do it again if "
                                          "it is still needed.")
                                           .arg(sku),
                                       MessageWidget::Type::Warning);
                showProduct(sku);
                updateActions();
                return;
            }
            if (!result) {
                // What was typed stays, so the user can correct it.
                m_message->showMessage(result.error().message, MessageWidget::Type::Error);
                updateActions();
                return;
            }
            m_message->hideMessage();
            emit statusMessage(what.arg(sku));
            for (QLineEdit *edit : adding ? QList<QLineEdit *>{m_sku, m_name, m_price, m_taxRate}
                                          : QList<QLineEdit *>{m_newPrice, m_reason})
                edit->clear();
            m_list->select(sku);
            m_list->refresh();
        });
}

void ProductsView::updateActions() {
    const bool ready = m_editable && !m_busy;
    const bool selected = !m_id.isEmpty() && !m_discontinued;
    m_add->setEnabled(ready);
    m_changePrice->setEnabled(ready && selected);
    m_discontinue->setEnabled(ready && selected);
    m_confirmDiscontinue->setEnabled(ready && selected);
    m_addBox->setVisible(m_editable);
    for (QLineEdit *edit : {static_cast<QLineEdit *>(m_newPrice), m_reason})
        edit->setEnabled(m_editable && selected);
}

} // namespace ot
