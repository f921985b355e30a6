// CSV exports of the staff book for spreadsheets (docs/documents.md "CSV exports"):
// organisations, invoices, payments, receivables aging.
//
// RFC 4180: a header row, CRLF line ends, a field is quoted when it holds a comma, a quote, CR or
// LF, and quotes inside are doubled. UTF-8 (optionally with a byte-order mark for Excel).
// Amounts are decimal strings ("1234.50", format_decimal) beside a currency column; dates ISO.
// Formula injection: a *text* cell starting with = + - @ tab or CR gets a leading ' so a
// spreadsheet shows it as text. Numeric cells we produce ourselves (amounts, counts) are never
// prefixed, so "-12.00" stays a number.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace portal {

enum class CsvKind { Organisations, Invoices, Payments, Aging };
const char* to_string(CsvKind k);  // "organisations", "invoices", "payments", "aging"
std::optional<CsvKind> csv_kind_from(std::string_view text);

// One cell as written: neutralised (text only) then quoted when needed.
std::string csv_text_cell(std::string_view text);
std::string csv_number_cell(std::string_view number);

// Builds rows; every row must have as many cells as the header.
class CsvWriter {
public:
    explicit CsvWriter(std::vector<std::string> header);
    CsvWriter& text(std::string_view value);
    CsvWriter& number(std::string_view value);   // an amount or count we formatted ourselves
    CsvWriter& number(std::int64_t value);
    CsvWriter& end_row();
    std::string str(bool bom = false) const;

private:
    std::string out_;
    std::size_t columns_ = 0;
    std::size_t in_row_ = 0;
};

struct CsvOptions {
    bool bom = false;  // prefix a UTF-8 byte-order mark (Excel on Windows needs it for accents)
};

// The export of `kind` on `on` (statuses, paid and outstanding amounts as of that date).
std::string export_csv(const Catalog& catalog, const Book& book, CsvKind kind, Date on, const CsvOptions& options = {});

// The aging bucket of an invoice `late` days past due: "not_yet_due", "0-30", "31-60", "61-90",
// "90+" (the same buckets as the report, reports.hpp).
const char* aging_bucket(int late);

}  // namespace portal
