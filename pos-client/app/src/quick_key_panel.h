#pragma once

#include "baidian/pos/local_store.h"

#include <QWidget>
#include <vector>

class QButtonGroup;
class QGridLayout;
class QHBoxLayout;

namespace baidian::app {

/// Head office's quick keys (快捷键) for touch: a tab per category, a grid of the category's
/// products with their price and unit, keys of at least 56 px. A key emits picked(); the keys
/// never take the keyboard focus, which stays in the scan field.
class QuickKeyPanel : public QWidget {
    Q_OBJECT
public:
    explicit QuickKeyPanel(QWidget* parent = nullptr);
    /// Shows `keys` (in head office's order), on the first category's tab, or keeps the tab
    /// shown when it is still there.
    void setKeys(std::vector<pos::QuickKey> keys);
    bool isEmpty() const { return m_keys.empty(); }
    /// The category shown.
    QString category() const { return m_category; }
    void showCategory(const QString& category);

    static constexpr int kKeyHeight = 56;
    static constexpr int kColumns = 3;

signals:
    void picked(std::int64_t productId);

private:
    void rebuildGrid();

    std::vector<pos::QuickKey> m_keys;
    QString m_category;
    QHBoxLayout* m_tabs;
    QGridLayout* m_grid;
    QWidget* m_gridHost;
    QButtonGroup* m_tabGroup;
};

} // namespace baidian::app
