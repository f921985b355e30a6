// Name normalisation, duplicate search and the intake helper (intake.hpp). The action itself is
// in actions_documents.cpp.
#include "core/intake.hpp"

#include "core/text_rules.hpp"

namespace portal {

std::string normalise_name(std::string_view name) { return name_key(name); }

std::optional<DuplicateMatch> find_duplicate(const Book& book, std::string_view name, std::string_view country) {
    const std::string key = normalise_name(name);
    if (key.empty()) return std::nullopt;
    auto same_country = [&](const std::string& other) { return country.empty() || other.empty() || other == country; };
    for (const Organisation& o : book.organisations)
        if (same_country(o.country) && normalise_name(o.name) == key) return DuplicateMatch{"organisation", o.id, o.name, o.country};
    for (const Prospect& p : book.prospects)
        if (same_country(p.country) && normalise_name(p.name) == key) return DuplicateMatch{"prospect", p.id, p.name, p.country};
    return std::nullopt;
}

std::string describe(const DuplicateMatch& m) {
    return m.kind + " " + m.id + " \"" + m.name + "\"" + (m.country.empty() ? "" : " (" + m.country + ")");
}

Json intake_action(const Json& application) { return Json{{"type", "prospect.intake"}, {"application", application}}; }

IntakeResult intake_application(Book& book, const Catalog& catalog, const Json& application, const ActionContext& ctx) {
    IntakeResult out;
    const std::size_t before = book.prospects.size();
    out.result = apply_action(book, catalog, intake_action(application), ctx);
    if (out.result.ok && book.prospects.size() == before + 1) {
        out.prospect_id = book.prospects.back().id;
    } else if (!out.result.ok && application.is_object()) {
        auto name = application.find("name");
        auto country = application.find("country");
        if (name != application.end() && name->is_string())
            out.duplicate = find_duplicate(book, name->get<std::string>(),
                                           country != application.end() && country->is_string()
                                               ? country->get<std::string>()
                                               : std::string());
    }
    return out;
}

}  // namespace portal
