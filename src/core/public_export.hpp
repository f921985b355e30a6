// The public export (schema "portal-public/1", docs/reports.md "Public export"): what a static
// host may publish. Built from an allow-list of public fields, never by filtering a private
// document, so a field added to the book later cannot leak by default.
//
// Shape (docs/formats.md, docs/schemas/public.schema.json): {schema, generated_on, catalog,
// organisations: the directory of listed organisations that are members in good standing (id, name,
// type, country, tier, member_since), committees: {ec, oc, trc: current seats {org, person,
// term_start, term_end}}, governance: {count, violations: [{rule}]}}.
// Never contains: contacts, notes, invoices, payments, prospects, the audit log, violation messages,
// or anything about an unlisted organisation. A current seat held by an unlisted organisation shows
// "(unlisted member)" as both org and person: no id, no name, no person (who would identify it).
#pragma once

#include "core/model.hpp"

namespace portal {

inline constexpr const char* kUnlistedPlaceholder = "(unlisted member)";

Json public_export(const Book& book, const Catalog& catalog, Date on);
// The same document as compact JSON text (what public_export parses), written without building
// the directory as a DOM: the browser publishes it after every sync, and for 100,000
// organisations a DOM and its dump took about a second in wasm.
std::string public_export_text(const Book& book, const Catalog& catalog, Date on);

}  // namespace portal
