#include "basket_model.h"

namespace baidian::app {

using domain::Fen;

BasketModel::BasketModel(pos::Till& till, QObject* parent)
    : QAbstractTableModel(parent)
    , m_till(till) {}

int BasketModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_till.lines().size());
}

int BasketModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString BasketModel::quantityText(const pos::BasketLine& line) {
    if (line.unit == domain::SaleUnit::ByWeight)
        return QStringLiteral("%1 g (%2)")
            .arg(line.grams.value())
            .arg(QString::fromStdString(line.grams.formatJin()));
    return QStringLiteral("×%1").arg(line.units);
}

QString BasketModel::priceText(const domain::UnitPrice& price) {
    const QString amount = QString::fromStdString(price.amount.format());
    switch (price.basis) {
    case domain::PriceBasis::PerJin:
        return amount + tr("/jin");
    case domain::PriceBasis::PerKg:
        return amount + QStringLiteral("/kg");
    case domain::PriceBasis::PerUnit:
        break;
    }
    return amount;
}

QVariant BasketModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& line = m_till.lines()[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Item ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Item:
        return QString::fromStdString(line.name) +
               (line.promotionCode.empty() ? QString() : tr(" (promotion)"));
    case Quantity:
        return quantityText(line);
    case UnitPrice:
        return line.labelAmount ? tr("label") : priceText(line.price);
    case Discount: {
        const Fen discount = line.promotionDiscount + line.lineDiscount;
        return discount.value() ? QString::fromStdString((-discount).format()) : QString();
    }
    case Amount:
        return QString::fromStdString(line.net.format());
    default:
        return {};
    }
}

QVariant BasketModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Item:
        return tr("Item");
    case Quantity:
        return tr("Qty / weight");
    case UnitPrice:
        return tr("Price");
    case Discount:
        return tr("Discount");
    case Amount:
        return tr("Amount");
    default:
        return {};
    }
}

void BasketModel::refresh() {
    beginResetModel();
    endResetModel();
}

} // namespace baidian::app
