// portal-book/1 one record at a time, for code that works per record rather than per book: the
// sync merge (src/sync/merge.cpp) turns only the records that differ into JSON, merges them
// member by member and reads the result back with the same field tables as read_book.
#pragma once

#include "core/json_io.hpp"

namespace portal {

Json organisation_to_json(const Organisation& o);
Json seat_to_json(const Seat& s);
Json invoice_to_json(const Invoice& i);
Json payment_to_json(const Payment& p);
Json prospect_to_json(const Prospect& p);
Json audit_to_json(const AuditEntry& a);

// Field checks only (types, ranges, required members); references are check_book_references'.
Read<Organisation> organisation_from_json(const Json& doc);
Read<Seat> seat_from_json(const Json& doc);
Read<Invoice> invoice_from_json(const Json& doc);
Read<Payment> payment_from_json(const Json& doc);
Read<Prospect> prospect_from_json(const Json& doc);

// The cross-record checks of read_book on a typed book: catalog references, references between
// records, duplicate ids and invoice numbers (seats without an id get one, as on reading).
Problems check_book_references(Book& book, const Catalog& catalog);

}  // namespace portal
