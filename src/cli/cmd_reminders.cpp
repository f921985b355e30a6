// portal-cli reminders: the payment reminders due on a date as .eml drafts, one per member and
// invoice; --record writes the book with them recorded so none is sent twice (docs/documents.md).
#include <cctype>
#include <filesystem>
#include <set>

#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/reminders.hpp"

namespace portal::cli {
namespace {

// An invoice number as part of a file name, one to one: ASCII letters, digits, '-' and '.' stay,
// every other byte (the '_' of the escape too) becomes "_XX" in hex, so "A/B" and "A_B" give
// "A_2FB" and "A_5FB", never the same file.
std::string file_token(const std::string& s) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if ((c < 0x80 && std::isalnum(c)) || c == '-' || (c == '.' && !out.empty())) {
            out += ch;
        } else {
            out += '_';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("reminders");
    Args args = parse_args(argv, {"--catalog", "--book", "--out", "--on", "--record", "--who", "--at"}, {"--json"});
    args.expect({"--book"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto out_dir = args.get("--out");
    auto record_path = args.get("--record");
    if (!out_dir) return usage_error(cmd, "--out DIR is required (the .eml files go there)", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;
    std::optional<ActionContext> ctx = book_inputs::context(args, cmd, err);
    if (!ctx) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;

    const ReminderPlan plan = plan_reminders(*catalog, *book, *on);
    std::error_code ec;
    std::filesystem::create_directories(*out_dir, ec);
    if (ec) {
        err << *out_dir << ": /: cannot create the directory: " << ec.message() << "\n";
        return kInvalidInput;
    }
    Json record = Json::array();
    std::set<std::string> written;
    for (const ReminderDraft& r : plan.drafts) {
        const std::string path = *out_dir + "/" + file_token(r.number) + "-" + file_token(r.stage) + ".eml";
        std::string error;
        if (!written.insert(path).second) {  // two drafts for one file: never overwrite the first
            err << path << ": /: two reminders would be written to this one file (invoice " << r.number << ")\n";
            return kInvalidInput;
        }
        if (!write_file(path, eml_message(r, catalog->consortium, *on), error)) {
            err << path << ": /: " << error << "\n";
            return kInvalidInput;
        }
        record.push_back(reminder_record_action(r));
        if (!args.has("--json")) out << path << ": " << r.stage << " " << r.number << " to " << r.to.size() << " contact(s)\n";
    }
    for (const ReminderSkip& s : plan.skipped) err << "skipped " << s.invoice << " (" << s.org << "): " << s.reason << "\n";
    if (args.has("--json")) out << reminder_plan_to_json(plan).dump(2) << "\n";
    else out << plan.drafts.size() << " reminder(s) drafted, " << plan.skipped.size() << " skipped\n";

    if (record_path) {
        if (!record.empty()) {
            ApplyResult r = apply_actions(*book, *catalog, record, *ctx);
            if (!r.ok) {  // cannot happen for a fresh plan; reported, never half-written
                err << *book_path << ": /: " << r.error << "\n";
                return kInvalidInput;
            }
        }
        return book_inputs::write_book_out(*book, *catalog, record_path, out, err);
    }
    return kOk;
}

Registrar reg{{"reminders",
               "reminders --book BOOK.json --out DIR [--on YYYY-MM-DD] [--catalog C] [--record NEW_BOOK.json] "
               "[--who NAME] [--at TIMESTAMP] [--json]",
               "draft the payment reminders due on a date as .eml files (and record them)", run}};

}  // namespace
}  // namespace portal::cli
