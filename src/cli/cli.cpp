#include "cli/cli.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

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

int usage_error(const Command& cmd, const std::string& message, std::ostream& err) {
    if (!message.empty()) err << "portal-cli " << cmd.name << ": " << message << "\n";
    err << "usage: portal-cli " << cmd.usage << "\n";
    return kUsage;
}

std::optional<std::string> read_file(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "cannot read file";
        return std::nullopt;
    }
    return ss.str();
}

bool write_file(const std::string& path, const std::string& content, std::string& error) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            error = "cannot write " + path;
            return false;
        }
        out << content;
        out.flush();
        if (!out) {
            error = "cannot write " + path;
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        error = "cannot replace " + path;
        return false;
    }
    return true;
}

}  // namespace portal::cli
