// Escaping and a very small builder for the generated documents (invoice, quote, directory).
// Every value that comes from data goes through html_escape, here and only here: the builder's
// text() and attribute values escape, and raw() is for the fixed markup and CSS of this code.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace portal {

// & < > " ' -> &amp; &lt; &gt; &quot; &#39;  (safe in text and in quoted attribute values).
// Bytes that are not valid UTF-8 and control characters other than tab/LF/CR become U+FFFD,
// so a broken name cannot break the document either.
std::string html_escape(std::string_view text);

// Paper size of a printed document: Auto lets the printer choose (the layout fits both A4 and
// US Letter), A4 and Letter pin it with `@page { size: ... }`.
enum class PageSize { Auto, A4, Letter };
const char* to_string(PageSize p);  // "auto", "a4", "letter"
bool page_size_from(std::string_view text, PageSize& out);

using HtmlAttrs = std::initializer_list<std::pair<const char*, std::string_view>>;

class HtmlBuilder {
public:
    HtmlBuilder& open(const char* tag, HtmlAttrs attrs = {});
    HtmlBuilder& close(const char* tag);
    HtmlBuilder& text(std::string_view data);                      // escaped
    HtmlBuilder& raw(std::string_view trusted_markup);             // never data
    // <tag attrs>escaped text</tag>
    HtmlBuilder& element(const char* tag, std::string_view data, HtmlAttrs attrs = {});
    HtmlBuilder& nl() { out_ += '\n'; return *this; }
    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

// "<!DOCTYPE html>..." with <meta charset>, a strict Content-Security-Policy (no script at all),
// the title (escaped), the shared document stylesheet plus `extra_css`, and `body` as built.
std::string html_document(std::string_view title, std::string_view lang, PageSize page, std::string_view extra_css,
                          std::string_view body);

// The stylesheet shared by every generated document (screen and print).
std::string_view document_css();

}  // namespace portal
