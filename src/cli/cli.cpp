#include "cli/cli.hpp"

#include "core/json_io.hpp"
#include "store/fs.hpp"

namespace portal::cli {

std::map<std::string, Command>& registry() {
    static std::map<std::string, Command> commands;
    return commands;
}

std::optional<std::string> Args::get(const std::string& flag) const {
    auto it = values.find(flag);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

void Args::expect(std::initializer_list<const char*> required) {
    if (!error.empty()) return;
    if (!positional.empty()) {
        error = "unexpected argument \"" + positional[0] + "\"";
        return;
    }
    for (const char* flag : required)
        if (!values.count(flag)) {
            error = std::string(flag) + " is required";
            return;
        }
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_flags,
                const std::vector<std::string>& switch_flags) {
    Args a;
    auto in = [](const std::vector<std::string>& list, const std::string& s) {
        for (const auto& x : list)
            if (x == s) return true;
        return false;
    };
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& s = argv[i];
        if (s.size() > 2 && s.compare(0, 2, "--") == 0) {
            if (in(value_flags, s)) {
                if (i + 1 >= argv.size()) {
                    a.error = s + " needs a value";
                    return a;
                }
                if (a.values.count(s)) {
                    a.error = s + " given twice";
                    return a;
                }
                a.values[s] = argv[++i];
            } else if (in(switch_flags, s)) {
                a.switches[s] = true;
            } else {
                a.error = "unknown option " + s;
                return a;
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

std::optional<long long> parse_int_arg(const std::string& text, long long min, long long max) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    long long v = std::stoll(text);
    if (v < min || v > max) return std::nullopt;
    return v;
}

int usage_error(const Command& cmd, const std::string& message, std::ostream& err) {
    if (!message.empty()) err << "portal-cli " << cmd.name << ": " << message << "\n";
    err << "usage: portal-cli " << cmd.usage << "\n";
    return kUsage;
}

namespace {
// Every file this process read: an output that is one of them (same device and inode, whatever
// the path says: a symbolic link, a hard link, "./b.json" for "b.json") is refused, so no
// command can replace its own input.
std::vector<store::FileIdentity>& inputs_read() {
    static std::vector<store::FileIdentity> ids;
    return ids;
}
}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string& error) {
    store::FileIdentity id;
    std::optional<std::string> text = store::read_file_limited(path, ReadLimits{}.max_bytes, error, &id);
    if (id.ino != 0 || id.dev != 0) inputs_read().push_back(id);
    return text;
}

bool write_file(const std::string& path, const std::string& content, std::string& error) {
    if (std::optional<store::FileIdentity> id = store::file_identity(path)) {
        for (const store::FileIdentity& input : inputs_read())
            if (input == *id) {
                error = "is also an input of this command: refusing to overwrite it (choose another output file)";
                return false;
            }
    }
    return replace_file(path, content, error);
}

bool replace_file(const std::string& path, const std::string& content, std::string& error) {
    // Temporary file, fsync, rename: the old file or the new one, never a torn mix.
    return store::write_file_atomic(path, content, true, error);
}

}  // namespace portal::cli
