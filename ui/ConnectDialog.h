#pragma once

#include "storage/DatabaseUrl.h"

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace ot {

class MessageWidget;

// Chooses the database to open: an SQLite file (typed or browsed) or a PostgreSQL URL, or one
// of the databases opened recently. A URL that does not parse is explained inline.
class ConnectDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    DatabaseUrl url() const { return m_url; }

    // The databases opened recently, newest first (as DatabaseUrl::toString(): no passwords).
    static QStringList recentDatabases();
    static void rememberDatabase(const DatabaseUrl &url);

    void accept() override;

private:
    void browse();

    QLineEdit *m_location;
    QListWidget *m_recent;
    MessageWidget *m_message;
    DatabaseUrl m_url;
};

} // namespace ot
