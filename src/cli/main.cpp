// portal-cli: the consortium membership book from the command line (same core as the portal).
#include <exception>
#include <iostream>

#include "cli/cli.hpp"

namespace {
void print_help(std::ostream& os) {
    os << "portal-cli: the IIIF Consortium membership portal's command-line tool\n\ncommands:\n";
    for (const auto& [name, cmd] : portal::cli::registry()) os << "  " << cmd.usage << "\n      " << cmd.summary << "\n";
}
}  // namespace

int main(int argc, char** argv) {
    using namespace portal::cli;
    if (argc < 2) {
        print_help(std::cerr);
        return kUsage;
    }
    std::string name = argv[1];
    if (name == "help" || name == "--help" || name == "-h") {
        print_help(std::cout);
        return kOk;
    }
    auto it = registry().find(name);
    if (it == registry().end()) {
        std::cerr << "portal-cli: unknown command '" << name << "'\n";
        print_help(std::cerr);
        return kUsage;
    }
    std::vector<std::string> args(argv + 2, argv + argc);
    for (const std::string& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << "usage: portal-cli " << it->second.usage << "\n" << it->second.summary << "\n";
            return kOk;
        }
    try {
        return it->second.run(args, std::cout, std::cerr);
    } catch (const std::bad_alloc&) {
        std::cerr << "portal-cli " << name << ": out of memory\n";
    } catch (...) {
        // Commands report their own errors; reaching here is a bug, never a raw exception text.
        std::cerr << "portal-cli " << name << ": internal error (please report it)\n";
    }
    return kInvalidInput;
}
