// A printable HTML invoice (docs/documents.md "Invoice"): the consortium's details, the member
// billed, number, dates, lines, total, amount paid and amount due on a date, derived status and
// payment instructions. Pure and deterministic: the same inputs give the same bytes.
#pragma once

#include <string>

#include "core/html.hpp"
#include "core/model.hpp"

namespace portal {

// The invoice with this id, else with this number; nullptr when neither.
const Invoice* find_invoice(const Book& book, const std::string& id_or_number);

// The whole document, "" when `id_or_number` names no invoice of the book (check find_invoice
// first to report it). Payments after `on` are not counted; the status is the one on `on`.
std::string invoice_html(const Catalog& catalog, const Book& book, const std::string& id_or_number, Date on,
                         PageSize page = PageSize::Auto);

}  // namespace portal
