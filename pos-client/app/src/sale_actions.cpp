#include "sale_actions.h"

#include "baidian/pos/escpos.h"
#include "entry_dialog.h"
#include "list_dialogs.h"
#include "payment_dialog.h"
#include "receipt_dialog.h"
#include "shift_dialogs.h"

#include <QApplication>
#include <QDateTime>
#include <QLineEdit>

namespace baidian::app {

using domain::Fen;
using domain::Grams;

namespace {
QString text(const std::string& s) {
    return QString::fromStdString(s);
}
} // namespace

SaleActions::SaleActions(TillSession& session, SaleScreen& screen, SearchService& search,
                         QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_screen(screen)
    , m_search(search)
    , m_window(window) {
    connect(&screen, &SaleScreen::scanned, this, &SaleActions::scan);
}

void SaleActions::refresh() {
    m_screen.refresh();
    m_session.notifyBasketChanged();
}

void SaleActions::restoreFocus() {
    m_window->activateWindow();
    m_screen.scanField()->setFocus();
}

void SaleActions::done(const Status& status, const QString& success) {
    if (!status)
        m_screen.showMessage(TillSession::describe(status.error()), true);
    else
        m_screen.showMessage(success, false);
    refresh();
}

void SaleActions::ask(const QString& title, const QString& prompt,
                      std::function<std::optional<QString>(const QString&)> handle,
                      const QString& initial) {
    auto* dialog = new EntryDialog(title, prompt, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!initial.isEmpty())
        dialog->setText(initial);
    connect(dialog, &EntryDialog::submitted, dialog, [this, dialog, handle](const QString& value) {
        m_asking = dialog;
        const auto error = handle(value);
        m_asking = nullptr;
        if (error && error->isEmpty())
            dialog->accept();
        else if (error)
            dialog->showError(*error);
        refresh();
    });
    connect(dialog, &QDialog::finished, this, &SaleActions::restoreFocus);
    dialog->open();
}

void SaleActions::withApproval(const Operation& operation, const QString& what) {
    const auto first = operation(std::nullopt);
    if (first || first.error().code != ErrorCode::ApprovalRequired)
        return done(first, what);
    auto* dialog = new ApprovalDialog(TillSession::describe(first.error()), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, operation, what] {
        done(operation(pos::Approval{dialog->code().toStdString(), dialog->pin().toStdString()}),
             what);
    });
    connect(dialog, &QDialog::finished, this, &SaleActions::restoreFocus);
    dialog->open();
}

std::optional<QString> SaleActions::approveIn(const Operation& operation, const QString& what) {
    const auto first = operation(std::nullopt);
    if (first) {
        done(first, what);
        return QString();
    }
    if (first.error().code != ErrorCode::ApprovalRequired)
        return TillSession::describe(first.error());
    QPointer<EntryDialog> entry = m_asking;
    auto* dialog = new ApprovalDialog(TillSession::describe(first.error()),
                                      entry ? static_cast<QWidget*>(entry) : m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, entry, operation, what] {
        const auto approved =
            operation(pos::Approval{dialog->code().toStdString(), dialog->pin().toStdString()});
        if (approved) {
            done(approved, what);
            if (entry)
                entry->accept();
        } else if (entry) {
            // Once the approval dialog has gone: its closing would take the focus back.
            QMetaObject::invokeMethod(
                entry,
                [entry, error = TillSession::describe(approved.error())] {
                    entry->activateWindow();
                    entry->showError(error);
                },
                Qt::QueuedConnection);
        } else {
            done(approved, what);
        }
    });
    connect(dialog, &QDialog::rejected, this, [entry] {
        if (entry) // back to the number, selected, for retyping or Esc
            QMetaObject::invokeMethod(
                entry,
                [entry] {
                    entry->activateWindow();
                    entry->showError({});
                },
                Qt::QueuedConnection);
    });
    dialog->open();
    return std::nullopt;
}

namespace {
/// A keyed weight in the unit the product's price is in: shelf labels of loose produce say
/// 斤, so the cashier keys 斤 for those, kg for the rest.
bool keyedInJin(const domain::UnitPrice& price) {
    return price.basis == domain::PriceBasis::PerJin;
}
Result<Grams> parseKeyedWeight(const domain::UnitPrice& price, const QString& text) {
    const auto value = text.trimmed().toStdString();
    return keyedInJin(price) ? Grams::parseJin(value) : Grams::parseKg(value);
}
} // namespace

void SaleActions::quickKey(std::int64_t productId) {
    if (QApplication::activeModalWidget())
        return; // a dialog is open: its answer first
    const auto item = m_session.store().productById(productId);
    if (!item)
        return m_screen.showMessage(tr("That product is no longer sold here"), true);
    addProduct(*item, pos::EntryMethod::Search);
}

void SaleActions::addProduct(const pos::CatalogItem& item, pos::EntryMethod entry) {
    if (item.product.unit != domain::SaleUnit::Each)
        return weigh(item, entry, {});
    auto added =
        m_session.till().addProduct(item.id, entry, 1, std::nullopt, pos::WeightSource::Keyed);
    if (added)
        m_screen.selectLine(static_cast<int>(*added));
    done(added ? Status{} : Status{added.error()});
}

void SaleActions::weigh(const pos::CatalogItem& item, pos::EntryMethod entry,
                        const QString& barcode) {
    const std::int64_t id = item.id;
    const auto price = item.product.price;
    ask(tr("Weight"),
        (keyedInJin(price) ? tr("%1: weight in jin (斤, e.g. 2.5)")
                           : tr("%1: weight in kg (e.g. 1.25)"))
            .arg(text(item.product.name)),
        [this, id, barcode, price, entry](const QString& value) -> QString {
            auto grams = parseKeyedWeight(price, value);
            if (!grams)
                return TillSession::describe(grams.error());
            auto added = barcode.isEmpty() ? m_session.till().addProduct(id, entry, 0, *grams,
                                                                         pos::WeightSource::Keyed)
                                           : m_session.till().scan(barcode.toStdString(), *grams,
                                                                   pos::WeightSource::Keyed);
            if (!added)
                return TillSession::describe(added.error());
            m_screen.showMessage({}, false);
            return {};
        });
}

void SaleActions::scan(const QString& input) {
    // The engine reads the text (pos::parseScanInput); what is left here is what it asks of
    // the cashier next.
    auto entered = m_session.till().enter(input.toStdString());
    if (!entered)
        return done(entered.error());
    switch (entered->kind) {
    case pos::ScanOutcome::Kind::ReturnStarted: // a receipt's QR code: the customer returns
        refresh();
        return pickReturnLine();
    case pos::ScanOutcome::Kind::Search:
        return searchFor(text(entered->text));
    case pos::ScanOutcome::Kind::Weigh:
        return weigh(entered->item, pos::EntryMethod::Plu, text(entered->barcode));
    case pos::ScanOutcome::Kind::Added:
        m_screen.selectLine(static_cast<int>(entered->line));
        return done({});
    }
}

void SaleActions::searchFor(const QString& initial) {
    auto* dialog = new SearchDialog(m_search, initial, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto item = m_session.store().productById(dialog->chosenProduct()))
            addProduct(*item, pos::EntryMethod::Search);
    });
    connect(dialog, &QDialog::finished, this, &SaleActions::restoreFocus);
    dialog->open();
}

void SaleActions::quantity() {
    const int line = m_screen.currentLine();
    if (line < 0)
        return m_screen.showMessage(tr("Scan an item first"), true);
    ask(tr("Quantity"), tr("New quantity"), [this, line](const QString& value) -> QString {
        bool ok = false;
        const auto units = value.toLongLong(&ok);
        if (!ok)
            return tr("A quantity is a whole number");
        const auto status = m_session.till().setQuantity(static_cast<std::size_t>(line), units);
        return status ? QString() : TillSession::describe(status.error());
    });
}

void SaleActions::weight() {
    const int line = m_screen.currentLine();
    if (line < 0)
        return m_screen.showMessage(tr("Scan an item first"), true);
    const auto price = m_session.till().lines()[static_cast<std::size_t>(line)].price;
    ask(tr("Weight"), keyedInJin(price) ? tr("Weight in jin (斤)") : tr("Weight in kg"),
        [this, line, price](const QString& value) -> QString {
            auto grams = parseKeyedWeight(price, value);
            if (!grams)
                return TillSession::describe(grams.error());
            const auto status = m_session.till().setWeight(static_cast<std::size_t>(line), *grams,
                                                           pos::WeightSource::Keyed);
            return status ? QString() : TillSession::describe(status.error());
        });
}

void SaleActions::lineDiscount() {
    const int line = m_screen.currentLine();
    if (line < 0)
        return m_screen.showMessage(tr("Scan an item first"), true);
    ask(tr("Line discount"), tr("Discount in yuan for this line"),
        [this, line](const QString& value) -> std::optional<QString> {
            auto amount = Fen::parse(value.toStdString());
            if (!amount)
                return TillSession::describe(amount.error());
            const Fen fen = *amount;
            return approveIn(
                [this, line, fen](const auto& a) {
                    return m_session.till().discountLine(static_cast<std::size_t>(line), fen, a);
                },
                tr("Discount given"));
        });
}

void SaleActions::priceOverride() {
    const int line = m_screen.currentLine();
    if (line < 0)
        return m_screen.showMessage(tr("Scan an item first"), true);
    ask(tr("Change price"), tr("New unit price in yuan (same unit as the shelf price)"),
        [this, line](const QString& value) -> std::optional<QString> {
            auto price = Fen::parse(value.toStdString());
            if (!price)
                return TillSession::describe(price.error());
            const Fen fen = *price;
            return approveIn(
                [this, line, fen](const auto& a) {
                    return m_session.till().overridePrice(static_cast<std::size_t>(line), fen, a);
                },
                tr("Price changed"));
        });
}

void SaleActions::orderDiscount() {
    ask(tr("Order discount"), tr("Discount in yuan on the whole sale"),
        [this](const QString& value) -> std::optional<QString> {
            auto amount = Fen::parse(value.toStdString());
            if (!amount)
                return TillSession::describe(amount.error());
            const Fen fen = *amount;
            return approveIn(
                [this, fen](const auto& a) { return m_session.till().discountOrder(fen, a); },
                tr("Discount given"));
        });
}

void SaleActions::toggleMoling() {
    auto& till = m_session.till();
    const bool on = till.totals().rounding.value() == 0;
    done(till.setCashRounding(on ? std::optional<pos::CashRoundingRule>(pos::CashRoundingRule{})
                                 : std::nullopt),
         on ? tr("Small change dropped (抹零)") : tr("抹零 removed"));
}

void SaleActions::voidLine() {
    const int line = m_screen.currentLine();
    if (line < 0)
        return m_screen.showMessage(tr("There is no line to remove"), true);
    withApproval(
        [this, line](const auto& a) {
            return m_session.till().removeLine(static_cast<std::size_t>(line), a);
        },
        tr("Line removed"));
}

void SaleActions::voidSale() {
    if (!m_session.till().saleOpen())
        return m_screen.showMessage(tr("There is no open sale"), true);
    auto* dialog =
        new PickDialog(tr("Void the whole sale?"), {tr("Keep the sale"), tr("Void the sale")},
                       tr("Up/Down choose    Enter confirm    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, &SaleActions::restoreFocus);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->chosenRow() == 1)
            withApproval([this](const auto& a) { return m_session.till().voidSale(a); },
                         tr("Sale voided"));
    });
    dialog->open();
}

void SaleActions::suspend() {
    auto id = m_session.till().suspend();
    done(id ? Status{} : Status{id.error()},
         id ? tr("Sale suspended as number %1").arg(*id) : QString());
}

void SaleActions::resume() {
    const auto waiting = m_session.till().suspendedSales();
    if (waiting.empty())
        return m_screen.showMessage(tr("No suspended sales"), true);
    QStringList items;
    for (const auto& s : waiting)
        items << tr("No. %1  %2  %n line(s)", nullptr, s.lines).arg(s.id).arg(text(s.createdAt));
    auto* dialog = new PickDialog(tr("Resume a suspended sale"), items,
                                  tr("Up/Down choose    Enter resume    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, &SaleActions::restoreFocus);
    connect(dialog, &QDialog::accepted, this, [this, dialog, waiting] {
        const int row = dialog->chosenRow();
        if (row >= 0)
            done(m_session.till().resume(waiting[static_cast<std::size_t>(row)].id),
                 tr("Sale resumed"));
    });
    dialog->open();
}

void SaleActions::returnGoods() {
    auto& till = m_session.till();
    if (till.saleOpen() && till.isReturn() && !till.returnableLines().empty())
        return pickReturnLine();
    if (till.saleOpen())
        return m_screen.showMessage(tr("Finish, suspend or void the open sale first"), true);
    ask(tr("Return"),
        tr("Scan the receipt's QR code, or type its number (its last digits will do); leave "
           "empty for a return without receipt"),
        [this](const QString& value) -> QString {
            if (value.isEmpty()) {
                withApproval(
                    [this](const auto& a) {
                        return a ? m_session.till().startNoReceiptReturn(*a)
                                 : Status{keyedError(
                                       ErrorCode::ApprovalRequired,
                                       "a return without a receipt needs a supervisor's approval")};
                    },
                    tr("Return without receipt: scan the goods"));
                return {};
            }
            const auto status = m_session.till().startReturn(value.toStdString());
            if (!status)
                return TillSession::describe(status.error());
            QMetaObject::invokeMethod(this, &SaleActions::pickReturnLine, Qt::QueuedConnection);
            return {};
        });
}

void SaleActions::pickReturnLine() {
    const auto lines = m_session.till().returnableLines();
    QStringList items;
    for (const auto& l : lines) {
        const bool weighed = l.unit == domain::SaleUnit::ByWeight;
        const QString left =
            weighed ? text(Grams(l.gramsSold.value() - l.gramsReturned.value()).formatKg())
                    : QString::number(l.unitsSold - l.unitsReturned);
        items << tr("%1. %2  left to return: %3  paid %4")
                     .arg(l.lineNo)
                     .arg(text(l.name), left, text(l.paid.format()));
    }
    auto* dialog = new PickDialog(tr("Which line comes back?"), items,
                                  tr("Up/Down choose    Enter take    Esc done"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, &SaleActions::restoreFocus);
    connect(dialog, &QDialog::accepted, this, [this, dialog, lines] {
        const int row = dialog->chosenRow();
        if (row < 0)
            return;
        const auto line = lines[static_cast<std::size_t>(row)];
        const bool weighed = line.unit == domain::SaleUnit::ByWeight;
        ask(
            tr("Return"), weighed ? tr("Weight returned in kg") : tr("Quantity returned"),
            [this, line, weighed](const QString& value) -> QString {
                std::optional<Grams> grams;
                std::int64_t units = 0;
                if (weighed) {
                    auto g = Grams::parseKg(value.toStdString());
                    if (!g)
                        return TillSession::describe(g.error());
                    grams = *g;
                } else {
                    bool ok = false;
                    units = value.toLongLong(&ok);
                    if (!ok)
                        return tr("A quantity is a whole number");
                }
                auto added = m_session.till().returnLine(line.lineNo, units, grams);
                return added ? QString() : TillSession::describe(added.error());
            },
            weighed ? text(Grams(line.gramsSold.value() - line.gramsReturned.value()).formatKg())
                          .remove(QStringLiteral(" kg"))
                    : QString::number(line.unitsSold - line.unitsReturned));
    });
    dialog->open();
}

void SaleActions::reprint() {
    ask(
        tr("Reprint"), tr("Receipt number"),
        [this](const QString& value) -> QString {
            auto receipt = m_session.till().reprint(value.toStdString());
            if (!receipt)
                return TillSession::describe(receipt.error());
            auto* dialog = new ReceiptDialog(m_session, *receipt, m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            // Closed, it gives the scan field the keys back (the scanner types into it).
            connect(dialog, &QDialog::finished, this, &SaleActions::restoreFocus);
            QMetaObject::invokeMethod(dialog, &QDialog::open, Qt::QueuedConnection);
            return {};
        },
        text(m_lastReceipt));
}

void SaleActions::pay() {
    auto& till = m_session.till();
    if (!till.saleOpen() || till.lines().empty())
        return m_screen.showMessage(tr("Scan an item first"), true);
    auto* dialog = new PaymentDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog] {
        if (const auto sale = dialog->completed()) {
            m_lastReceipt = sale->receiptNo;
            refresh();
            m_screen.showChange(*sale);
            m_session.notifySaleCompleted(*sale);
            if (!m_session.options().printerPath.isEmpty())
                if (auto receipt = m_session.till().receipt(sale->receiptNo)) {
                    const QString error = m_session.print(
                        pos::renderEscPos(*receipt, m_session.options().receiptColumns));
                    if (!error.isEmpty())
                        m_screen.showMessage(error, true);
                }
        } else {
            refresh();
        }
    });
    dialog->open();
}

void SaleActions::openDrawer() {
    pickReason(tr("Open the drawer without a sale: why?"),
               {tr("Change for a customer's note"), tr("Check a note"), tr("Other")},
               [this](const QString& reason) {
                   withApproval(
                       [this, reason](const auto& a) {
                           auto opened = m_session.till().openDrawer(reason.toStdString(), a);
                           if (!opened)
                               return opened;
                           // ESC p: pulse the drawer. Logged even when no printer takes it.
                           const std::string kick{0x1b, 'p', 0, 25, static_cast<char>(250)};
                           if (const QString error = m_session.print(kick); !error.isEmpty())
                               QMetaObject::invokeMethod( // after "Drawer opened"
                                   this, [this, error] { m_screen.showMessage(error, true); },
                                   Qt::QueuedConnection);
                           return opened;
                       },
                       tr("Drawer opened"));
               });
}

void SaleActions::pickReason(const QString& title, const QStringList& reasons,
                             std::function<void(const QString&)> then) {
    auto* dialog =
        new PickDialog(title, reasons, tr("Up/Down choose    Enter take    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [dialog, reasons, then] {
        const int row = dialog->chosenRow();
        if (row >= 0 && row < reasons.size())
            then(reasons[row]);
    });
    connect(dialog, &QDialog::rejected, this, &SaleActions::restoreFocus);
    dialog->open();
}

namespace {
QString timestamp() {
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}
} // namespace

ReportDialog* SaleActions::showReport(const QString& title, const QString& body,
                                      const QString& fileStem) {
    auto* report = new ReportDialog(m_session, title, body, fileStem, m_window);
    report->setAttribute(Qt::WA_DeleteOnClose);
    connect(report, &QDialog::finished, this, &SaleActions::restoreFocus);
    report->open();
    return report;
}

void SaleActions::shiftMenu() {
    auto& till = m_session.till();
    if (!till.currentShift()) {
        ask(tr("Open shift"), tr("Cash float in the drawer, in yuan"),
            [this](const QString& value) -> QString {
                auto amount = Fen::parse(value.toStdString());
                if (!amount)
                    return TillSession::describe(amount.error());
                auto opened = m_session.till().openShift(*amount);
                if (!opened)
                    return TillSession::describe(opened.error());
                m_screen.showMessage(tr("Shift opened"), false);
                return {};
            });
        return;
    }
    const QStringList items = {tr("X report (mid-shift)"),
                               tr("Close shift and print Z report"),
                               tr("Cash in"),
                               tr("Cash out"),
                               tr("Log out"),
                               tr("Reprint the last Z report")};
    auto* dialog = new PickDialog(tr("Shift"), items,
                                  tr("Up/Down choose    Enter take    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, &SaleActions::restoreFocus);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        auto& t = m_session.till();
        switch (dialog->chosenRow()) {
        case 0:
            if (auto x = t.xReport()) {
                showReport(tr("X report"), text(x->toText()),
                           QStringLiteral("X-%1-%2").arg(x->shiftId).arg(timestamp()));
            } else {
                done(x.error());
            }
            break;
        case 1: {
            auto x = t.xReport();
            if (!x)
                return done(x.error());
            auto* count = new ShiftCloseDialog(m_window); // blind: nothing expected shown
            count->setAttribute(Qt::WA_DeleteOnClose);
            connect(count, &QDialog::accepted, this, [this, count] {
                auto z = m_session.till().closeShift(count->counted());
                if (!z)
                    return done(z.error());
                auto* report = showReport(tr("Z report"), text(z->toText()),
                                          QStringLiteral("Z-%1").arg(z->shiftId));
                report->printOrSave(); // printed, or saved as a PDF, and said so
                done({}, tr("Shift closed"));
            });
            count->open();
            break;
        }
        case 2:
            ask(tr("Cash in"), tr("Amount in yuan"), [this](const QString& value) -> QString {
                auto amount = Fen::parse(value.toStdString());
                if (!amount)
                    return TillSession::describe(amount.error());
                const auto status =
                    m_session.till().cashIn(*amount, tr("Float top-up").toStdString());
                return status ? QString() : TillSession::describe(status.error());
            });
            break;
        case 3:
            pickReason(
                tr("Cash out: why?"),
                {tr("Banked"), tr("Change for another till"), tr("Paid an expense"), tr("Other")},
                [this](const QString& reason) {
                    ask(tr("Cash out"), tr("%1: amount in yuan").arg(reason),
                        [this, reason](const QString& value) -> std::optional<QString> {
                            auto amount = Fen::parse(value.toStdString());
                            if (!amount)
                                return TillSession::describe(amount.error());
                            const Fen fen = *amount;
                            return approveIn(
                                [this, fen, reason](const auto& a) {
                                    return m_session.till().cashOut(fen, reason.toStdString(), a);
                                },
                                tr("Cash taken out"));
                        });
                });
            break;
        case 4:
            emit logoutRequested();
            break;
        case 5: // the last closed shift's Z report, as stored at its close, marked 重打
            if (auto z = t.reprintLastZReport()) {
                showReport(tr("Z report (reprint)"), text(*z),
                           QStringLiteral("Z-reprint-%1").arg(timestamp()))
                    ->printOrSave();
            } else {
                done(z.error());
            }
            break;
        default:
            break;
        }
    });
    dialog->open();
}

} // namespace baidian::app
