// portal-cli validate: checks files in the product's formats (docs/formats.md), each by its own
// "schema" member, and lists every problem as `FILE: <json-pointer>: <message>`.
// A problem about the document as a whole (pointer "") is printed with the pointer "/".
#include <iostream>

#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/json_io.hpp"

namespace portal::cli {
namespace {

std::string family(const std::string& schema) { return schema.substr(0, schema.find('/')); }


// A public export is checked for its shape and, above all, for private fields.
Problems check_public(const Json& doc) {
    Problems ps;
    static const char* kPrivate[] = {"contacts", "notes", "invoices", "payments", "prospects", "audit", "email"};
    // Walks everything outside /catalog (whose consortium email is public by design).
    std::vector<std::pair<const Json*, std::string>> todo{{&doc, ""}};
    while (!todo.empty()) {
        auto [j, ptr] = todo.back();
        todo.pop_back();
        if (j->is_object()) {
            for (const auto& [k, v] : j->get_ref<const Json::object_t&>()) {
                std::string child = ptr + "/" + k;
                if (ptr.empty() && k == "catalog") continue;
                for (const char* p : kPrivate)
                    if (k == p) ps.push_back({child, "private field \"" + k + "\" in a public export"});
                todo.push_back({&v, child});
            }
        } else if (j->is_array()) {
            for (std::size_t i = 0; i < j->size(); ++i) todo.push_back({&(*j)[i], ptr + "/" + std::to_string(i)});
        }
    }
    if (!doc.contains("catalog")) ps.push_back({"/catalog", "required member is missing"});
    else
        for (const Problem& p : catalog_from_json(doc["catalog"]).problems) ps.push_back({"/catalog" + p.pointer, p.message});
    if (!doc.contains("organisations") || !doc["organisations"].is_array())
        ps.push_back({"/organisations", "must be an array of objects"});
    if (!doc.contains("generated_on") || !doc["generated_on"].is_string() ||
        !Date::parse(doc["generated_on"].get<std::string>()))
        ps.push_back({"/generated_on", "must be a date string (YYYY-MM-DD)"});
    return ps;
}

Problems validate_text(const std::string& text, const Catalog& catalog, std::string& schema) {
    schema = sniff_schema(text);
    std::string f = family(schema);
    if (f == family(kCatalogSchema)) return read_catalog(text).problems;
    if (f == family(kBookSchema)) return read_book(text, catalog).problems;
    if (f == family(kApplicationSchema)) return read_application(text, catalog).problems;
    if (f == family(kRatesSchema)) return read_rates(text).problems;
    auto parsed = parse_json_text(text);
    if (!parsed.ok()) return parsed.problems;
    if (!parsed.value->is_object()) return {{"", "the document must be a JSON object"}};
    std::string known = std::string(kCatalogSchema) + ", " + kBookSchema + ", " + kApplicationSchema + ", " +
                        kRatesSchema + " or " + kPublicSchema;
    if (f == family(kPublicSchema)) {
        if (schema != kPublicSchema) return {{"/schema", "unsupported version \"" + schema + "\" (this tool reads " + kPublicSchema + ")"}};
        return check_public(*parsed.value);
    }
    if (!parsed.value->contains("schema")) return {{"/schema", "required member is missing (expected " + known + ")"}};
    if (schema.empty()) return {{"/schema", "must be a string naming the format (" + known + ")"}};
    return {{"/schema", "unknown schema \"" + schema + "\" (expected " + known + ")"}};
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("validate");
    Args args = parse_args(argv, {"--catalog"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    if (args.positional.empty()) return usage_error(cmd, "no FILE given", err);

    Catalog catalog;
    std::string error;
    if (auto path = args.get("--catalog")) {
        auto text = read_file(*path, error);
        if (!text) {
            err << *path << ": /: " << error << "\n";
            return kInvalidInput;
        }
        auto c = read_catalog(*text);
        if (!c.ok()) {
            inputs::print_problems(*path, c.problems, err);
            return kInvalidInput;
        }
        catalog = std::move(*c.value);
    } else {
        auto c = read_catalog(bundled_catalog_text());
        if (!c.ok()) {
            err << "portal-cli validate: the bundled catalog is invalid (please report it)\n";
            return kInvalidInput;
        }
        catalog = std::move(*c.value);
    }

    int rc = kOk;
    for (const std::string& file : args.positional) {
        auto text = read_file(file, error);
        if (!text) {
            err << file << ": /: " << error << "\n";
            rc = kInvalidInput;
            continue;
        }
        std::string schema;
        Problems problems = validate_text(*text, catalog, schema);
        if (problems.empty()) {
            out << file << ": ok (" << schema << ")\n";
        } else {
            inputs::print_problems(file, problems, err);
            rc = kInvalidInput;
        }
    }
    return rc;
}

Registrar reg{{"validate", "validate [--catalog CATALOG] FILE...",
               "check catalog, book, application, rates and public-export files; every problem with its JSON Pointer "
               "(books and applications against CATALOG, else the bundled catalog)",
               run}};

}  // namespace
}  // namespace portal::cli
