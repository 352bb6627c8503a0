#pragma once

#include "search_service.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace baidian::app {

/// Search by pinyin initials, name or SKU while typing; Up/Down choose, Enter takes the product.
class SearchDialog : public QDialog {
    Q_OBJECT
public:
    SearchDialog(SearchService& service, const QString& initial, QWidget* parent = nullptr);
    qint64 chosenProduct() const { return m_chosen; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showResults(const QString& text, const QList<SearchHit>& hits);

    SearchService& m_service;
    QLineEdit* m_edit;
    QListWidget* m_list;
    qint64 m_chosen = 0;
};

/// A keyboard list to pick from (suspended sales, lines of a sale to return): Up/Down, Enter.
class PickDialog : public QDialog {
    Q_OBJECT
public:
    PickDialog(const QString& title, const QStringList& items, const QString& hint,
               QWidget* parent = nullptr);
    int chosenRow() const;

private:
    QListWidget* m_list;
};

} // namespace baidian::app
