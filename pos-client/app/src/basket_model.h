#pragma once

#include "baidian/pos/till.h"

#include <QAbstractTableModel>

namespace baidian::app {

/// The open sale's lines for the basket view: item, quantity or weight (grams and jin), unit
/// price, discount, amount. Reads the Till; call refresh() after every change.
class BasketModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Item, Quantity, UnitPrice, Discount, Amount, ColumnCount };

    explicit BasketModel(pos::Till& till, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void refresh();

    static QString quantityText(const pos::BasketLine& line);
    static QString priceText(const domain::UnitPrice& price);

private:
    pos::Till& m_till;
};

} // namespace baidian::app
