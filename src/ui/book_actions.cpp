// Builders for the core reducer's book actions (book_actions.hpp).
#include "ui/book_actions.hpp"

namespace portal::ui::book_actions {

namespace {
// The organisation fields org.add / org.update accept (src/core/actions_org.cpp).
const char* const kOrgFields[] = {"name", "type", "country", "commercial", "tier", "member_since",
                                  "listed", "contacts", "notes"};
}  // namespace

Json org_save(const Json& draft, const Json& original, bool is_new) {
    Json fields = Json::object();
    for (const char* key : kOrgFields) {
        auto it = draft.find(key);
        const bool present = it != draft.end();
        const bool was = original.is_object() && original.contains(key);
        if (is_new) {
            if (present) fields[key] = *it;
        } else if (present && (!was || original[key] != *it)) {
            fields[key] = *it;
        } else if (!present && was) {
            fields[key] = nullptr;  // cleared in the editor
        }
    }
    if (is_new) {
        if (draft.value("id", "") != "") fields["id"] = draft["id"];
        return {{"type", "org.add"}, {"org", fields}};
    }
    return {{"type", "org.update"}, {"id", draft.value("id", "")}, {"set", fields}};
}

Json invoice_create(const std::string& org, const std::string& description, std::int64_t amount) {
    return {{"type", "invoice.create"}, {"org", org}, {"state", "sent"},
            {"lines", Json::array({{{"description", description}, {"amount", amount}}})}};
}

Json membership_invoice(const std::string& org, int year) {
    return {{"type", "invoice.create"}, {"org", org}, {"state", "sent"}, {"membership_year", year}};
}

Json invoice_send(const std::string& invoice) { return {{"type", "invoice.send"}, {"invoice", invoice}}; }

Json payment_record(const std::string& invoice, std::int64_t amount, const std::string& date, const std::string& method) {
    Json a = {{"type", "payment.record"}, {"invoice", invoice}, {"amount", amount}};
    if (!date.empty()) a["date"] = date;
    if (!method.empty()) a["method"] = method;
    return a;
}

Json invoice_void(const std::string& invoice, const std::string& reason) {
    Json a = {{"type", "invoice.void"}, {"invoice", invoice}};
    if (!reason.empty()) a["reason"] = reason;
    return a;
}

Json renewal_run(int year) { return {{"type", "renewal.run"}, {"year", year}}; }

Json seat_add(const std::string& committee, const std::string& org, const std::string& person) {
    return {{"type", "seat.add"}, {"committee", committee}, {"org", org}, {"person", person}};
}

Json seat_end(const std::string& committee, const std::string& seat_id) {
    return {{"type", "seat.end"}, {"committee", committee}, {"seat_id", seat_id}};
}

Json prospect_advance(const std::string& prospect, const std::string& stage) {
    return {{"type", "prospect.advance"}, {"id", prospect}, {"stage", stage}};
}

}  // namespace portal::ui::book_actions
