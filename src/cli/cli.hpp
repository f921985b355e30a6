// portal-cli: each command lives in its own cmd_*.cpp and registers itself here, so adding a
// command never touches main.cpp. Commands read files, call the core and print; they never throw
// to the caller (main catches anything left and prints a plain message, not a raw what()).
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace portal::cli {

// Exit codes shared by every command (issue 3's contract).
constexpr int kOk = 0;
constexpr int kInvalidInput = 1;
constexpr int kUsage = 2;

struct Command {
    std::string name;
    std::string usage;    // "validate FILE..."
    std::string summary;  // one line for `portal-cli help`
    std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)> run;
};

std::map<std::string, Command>& registry();

struct Registrar {
    explicit Registrar(Command c) { registry()[c.name] = std::move(c); }
};

// Parsed `--flag value` / `--switch` arguments plus positionals. `value_flags` take a value,
// `switch_flags` do not; anything else starting with "--" is an error.
struct Args {
    std::map<std::string, std::string> values;
    std::map<std::string, bool> switches;
    std::vector<std::string> positional;
    std::string error;  // non-empty: bad arguments

    std::optional<std::string> get(const std::string& flag) const;
    bool has(const std::string& flag) const { return switches.count(flag) > 0; }
    // For commands without positionals: unless `error` is already set, sets it for the first
    // positional argument, else for the first of `required` that is missing ("--book is required").
    void expect(std::initializer_list<const char*> required);
};
Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_flags,
                const std::vector<std::string>& switch_flags = {});

// A whole number argument: digits only (no sign, no trailing text), within [min, max].
std::optional<long long> parse_int_arg(const std::string& text, long long min, long long max);

// Prints "usage: portal-cli <usage>" with the message and returns kUsage.
int usage_error(const Command& cmd, const std::string& message, std::ostream& err);

// Whole file as a string, at most ReadLimits::max_bytes (checked before reading); nullopt (and a
// message in plain words in `error`) when it cannot be read. The file is remembered as an input.
std::optional<std::string> read_file(const std::string& path, std::string& error);
// Writes atomically (temp file, fsync, rename); false and a message with the path and the
// system's reason on failure. Refuses a file this process read (the same inode): an output never
// replaces an input.
bool write_file(const std::string& path, const std::string& content, std::string& error);
// The same without that refusal: for the one command whose job is to update its input in place
// (sync adopting the merged book).
bool replace_file(const std::string& path, const std::string& content, std::string& error);

}  // namespace portal::cli
