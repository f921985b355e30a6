// Builders for the core reducer's book actions (docs/actions.md, src/core/actions*.cpp), in one
// place so a renamed action or field is one edit. update() forwards them to apply_action.
#pragma once

#include <string>

#include "core/model.hpp"

namespace portal::ui::book_actions {

// org.add {"org": {...}} for a new organisation, else org.update {"id", "set": changed fields}.
Json org_save(const Json& draft, const Json& original, bool is_new);
Json invoice_create(const std::string& org, const std::string& description, std::int64_t amount);
Json membership_invoice(const std::string& org, int year);
Json invoice_send(const std::string& invoice);
Json payment_record(const std::string& invoice, std::int64_t amount, const std::string& date, const std::string& method);
Json invoice_void(const std::string& invoice, const std::string& reason);
Json renewal_run(int year);
Json seat_add(const std::string& committee, const std::string& org, const std::string& person);
Json seat_end(const std::string& committee, const std::string& seat_id);
Json prospect_advance(const std::string& prospect, const std::string& stage);

}  // namespace portal::ui::book_actions
