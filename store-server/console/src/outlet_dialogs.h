#pragma once

#include "baidian/protocol/office.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace baidian::console {

/// One outlet: its registry entry and type history, its figures by day over the period, and its
/// place in every stored ranking. Read-only.
class OutletDetailDialog : public QDialog {
    Q_OBJECT
public:
    OutletDetailDialog(const protocol::OutletDetailDoc& detail, QWidget* parent = nullptr);
};

/// A regional manager's inspection score (0-100) for an outlet and ranking period.
class InspectionDialog : public QDialog {
    Q_OBJECT
public:
    InspectionDialog(const QString& outlet, const QString& period, QWidget* parent = nullptr);
    protocol::InspectionDoc inspection() const;

private:
    QString m_outlet;
    QString m_period;
    QSpinBox* m_score;
    QLineEdit* m_note;
};

} // namespace baidian::console
