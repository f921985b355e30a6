// Shared helpers for the store and sync tests: a scratch folder, the bundled catalog, actions.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include "core/actions.hpp"
#include "core/json_io.hpp"
#include "store/fs.hpp"

namespace portal::store_testing {

inline const Catalog& catalog() {
    static const Catalog c = [] {
        std::string text = *store::read_whole_file(std::string(PORTAL_SOURCE_DIR) + "/assets/catalog.json");
        auto r = read_catalog(text);
        REQUIRE(r.ok());
        return *r.value;
    }();
    return c;
}

inline ActionContext ctx(int minute = 0) {
    char at[32];
    std::snprintf(at, sizeof at, "2027-03-01T09:%02d:00Z", minute % 60);
    return ActionContext{"tester", at, Date::from_ymd(2027, 3, 1)};
}

inline Json add_org(int n) {
    return Json{{"type", "org.add"},
                {"org", {{"id", "org-" + std::to_string(n)}, {"name", "Org " + std::to_string(n)}, {"type", "library"}, {"country", "GB"}}}};
}

inline Json rename_org(int n, const std::string& name) {
    return Json{{"type", "org.update"}, {"id", "org-" + std::to_string(n)}, {"set", {{"name", name}}}};
}

inline void remove_tree(const std::string& dir) {
    for (const auto& name : store::list_dir(dir)) {
        std::string path = store::join_path(dir, name);
        if (!store::remove_file(path)) {
            remove_tree(path);
        }
    }
    ::rmdir(dir.c_str());
}

// A fresh folder under the system temp folder, removed with everything in it at scope exit.
struct TempDir {
    std::string path;
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/portal-test-XXXXXX";
        char* made = ::mkdtemp(tmpl.data());
        REQUIRE(made != nullptr);
        path = made;
    }
    ~TempDir() { remove_tree(path); }
    std::string sub(const std::string& name) const { return store::join_path(path, name); }
};

inline std::string book_text(const Book& b) { return book_to_json(b).dump(); }

}  // namespace portal::store_testing
