// A pro-forma quote for a tier (docs/documents.md "Quotes"): who it is for, the tier's benefits
// in the seed's wording, its rights, the annual fee in the catalog currency, valid-until date,
// and, when asked, an indicative local-currency equivalent dated by the rates table.
#pragma once

#include <optional>
#include <string>

#include "core/html.hpp"
#include "core/json_io.hpp"
#include "core/model.hpp"

namespace portal {

struct QuoteRequest {
    std::string tier;              // a catalog tier id
    std::string org_name;
    std::string org_type;          // optional catalog type id
    std::string country;           // optional
    std::string contact_name;      // optional
    Date issued;
    int valid_days = 30;
    std::string local_currency;    // optional: "EUR" shows an indicative equivalent (needs rates)
};

// From an application: its name, type, country, contact and tier (`tier` overrides it when set).
QuoteRequest quote_request_from(const Application& application, Date issued, int valid_days,
                                const std::string& tier = "");

struct QuoteResult {
    std::string html;   // empty when problems
    Problems problems;  // pointers name the request field: /tier, /org_name, /local_currency, /valid_days
};
QuoteResult quote_html(const Catalog& catalog, const Rates* rates, const QuoteRequest& request,
                       PageSize page = PageSize::Auto);

}  // namespace portal
