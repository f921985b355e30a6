// HTML escaping, the small builder and the shared document stylesheet (html.hpp).
#include "core/html.hpp"

#include "core/text_rules.hpp"

#include <cstdint>

namespace portal {

// [SECTION] Escaping ---------------------------------------------------------------------------

namespace {

// Length of the valid UTF-8 sequence starting at text[i], 0 when invalid (overlong, surrogate,
// beyond U+10FFFF, truncated).
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = b(i);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    static const std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
            continue;
        }
        if (n > 1) {
            // Bidi overrides and C1 controls would reorder or hide what the page shows.
            const std::string piece = neutralise_text(text.substr(i, n), true);
            out += piece;
            i += n;
            continue;
        }
        char c = text[i++];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t': case '\n': case '\r': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    return out;
}

const char* to_string(PageSize p) {
    switch (p) {
        case PageSize::A4: return "a4";
        case PageSize::Letter: return "letter";
        case PageSize::Auto: break;
    }
    return "auto";
}

bool page_size_from(std::string_view text, PageSize& out) {
    if (text == "auto") out = PageSize::Auto;
    else if (text == "a4" || text == "A4") out = PageSize::A4;
    else if (text == "letter" || text == "Letter") out = PageSize::Letter;
    else return false;
    return true;
}

// [SECTION] Builder ----------------------------------------------------------------------------

HtmlBuilder& HtmlBuilder::open(const char* tag, HtmlAttrs attrs) {
    out_ += '<';
    out_ += tag;
    for (const auto& [name, value] : attrs) {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        out_ += html_escape(value);
        out_ += '"';
    }
    out_ += '>';
    return *this;
}

HtmlBuilder& HtmlBuilder::close(const char* tag) {
    out_ += "</";
    out_ += tag;
    out_ += '>';
    return *this;
}

HtmlBuilder& HtmlBuilder::text(std::string_view data) {
    out_ += html_escape(data);
    return *this;
}

HtmlBuilder& HtmlBuilder::raw(std::string_view trusted_markup) {
    out_.append(trusted_markup);
    return *this;
}

HtmlBuilder& HtmlBuilder::element(const char* tag, std::string_view data, HtmlAttrs attrs) {
    return open(tag, attrs).text(data).close(tag);
}

// [SECTION] Document shell ---------------------------------------------------------------------

std::string_view document_css() {
    // Fits A4 (210 mm) and US Letter (216 mm) alike: 16 mm margins leave 178 mm of text width.
    static const char* kCss = R"CSS(
*{box-sizing:border-box}
html{background:#e9ecef}
body{margin:0;padding:24px 0;font-family:"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif;
 font-size:10.5pt;line-height:1.45;color:#1f2933}
.page{background:#fff;max-width:190mm;margin:0 auto;padding:16mm;box-shadow:0 1px 4px rgba(0,0,0,.18)}
h1{font-size:20pt;margin:0 0 2mm;letter-spacing:.02em;color:#0b3d63}
h2{font-size:12pt;margin:7mm 0 2mm;color:#0b3d63;border-bottom:1px solid #c9d3dd;padding-bottom:1mm}
h3{font-size:10.5pt;margin:4mm 0 1mm}
p{margin:0 0 2mm}
.muted{color:#52606d}
.small{font-size:9pt}
.head{display:flex;justify-content:space-between;align-items:flex-start;gap:10mm;border-bottom:3px solid #0b3d63;
 padding-bottom:4mm;margin-bottom:6mm}
.head .issuer{text-align:right;max-width:90mm}
.issuer .name{font-weight:bold;font-size:12pt;color:#0b3d63}
.cols{display:flex;gap:10mm;justify-content:space-between}
.cols>div{flex:1}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:1mm 5mm;margin:0}
dl.facts dt{color:#52606d}
dl.facts dd{margin:0;font-weight:600}
table{width:100%;border-collapse:collapse;margin:2mm 0 4mm}
th{text-align:left;font-size:9pt;text-transform:uppercase;letter-spacing:.04em;color:#52606d;
 border-bottom:1.5px solid #1f2933;padding:1.5mm 2mm}
td{border-bottom:1px solid #dde3ea;padding:1.5mm 2mm;vertical-align:top}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.total td{border-bottom:none;font-weight:600}
tr.due td{font-size:12pt;font-weight:bold;border-top:1.5px solid #1f2933;color:#0b3d63}
.badge{display:inline-block;padding:.5mm 2.5mm;border-radius:2mm;font-size:9pt;font-weight:bold;
 text-transform:uppercase;letter-spacing:.05em;border:1px solid currentColor}
.status-paid{color:#1b7f3b}.status-overdue{color:#b42318}.status-void{color:#52606d}
.status-partly_paid{color:#b54708}.status-sent{color:#0b3d63}.status-draft{color:#52606d}
.box{border:1px solid #c9d3dd;border-left:4px solid #0b3d63;padding:3mm 4mm;margin:4mm 0;background:#f7f9fb}
.note{font-size:9pt;color:#52606d}
ul.benefits{margin:1mm 0 3mm 5mm;padding:0}
ul.benefits li{margin:0 0 1mm}
.foot{margin-top:8mm;border-top:1px solid #c9d3dd;padding-top:2mm;font-size:8.5pt;color:#52606d}
@media print{
 html,body{background:#fff;padding:0}
 .page{max-width:none;margin:0;padding:0;box-shadow:none}
 h2,tr,.box{break-inside:avoid}
 thead{display:table-header-group}
}
)CSS";
    return kCss;
}

std::string html_document(std::string_view title, std::string_view lang, PageSize page, std::string_view extra_css,
                          std::string_view body) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // No script may run in a generated document, whatever a name contains.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(title) + "</title>\n<style>";
    out.append(document_css());
    switch (page) {
        case PageSize::A4: out += "@page{size:A4;margin:16mm}\n"; break;
        case PageSize::Letter: out += "@page{size:letter;margin:16mm}\n"; break;
        case PageSize::Auto: out += "@page{margin:16mm}\n"; break;
    }
    out.append(extra_css);
    out += "</style>\n</head>\n<body>\n<main class=\"page\">\n";
    out.append(body);
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace portal
