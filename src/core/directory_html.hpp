// The public member directory page (docs/documents.md "Member directory"), generated from the
// public export (public_export.hpp) and nothing else, so it cannot show a private field.
#pragma once

#include <string>

#include "core/html.hpp"
#include "core/model.hpp"

namespace portal {

// From a portal-public/1 document: listed members by tier (catalog order), counts by tier, type
// and country, and the current committee seats. Tolerates missing members (shows what it has).
std::string directory_html(const Json& public_doc, PageSize page = PageSize::Auto);
// public_export(book, catalog, on) then the above.
std::string directory_html(const Book& book, const Catalog& catalog, Date on, PageSize page = PageSize::Auto);

}  // namespace portal
