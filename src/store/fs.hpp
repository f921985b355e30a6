// The few POSIX file operations the store needs, without exceptions. They run the same natively
// and under Emscripten (MEMFS, NODERAWFS, IDBFS), where fsync is accepted and does nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::store {

// Whole file; nullopt when it cannot be opened or read (`error` says why).
std::optional<std::string> read_whole_file(const std::string& path, std::string* error = nullptr);
// At most `max_bytes` of a file, a pipe or a device: the size is checked with fstat before a
// byte is read (a regular file over the limit is refused at once), and a stream stops at the
// limit. nullopt with `error` in plain words: "is a directory, not a file", "is 300 bytes, over the
// limit of 256 bytes", "cannot open: No such file or directory". `identity` (when given) receives
// the file's device and inode, so a command can tell an output that is one of its inputs.
struct FileIdentity {
    std::uint64_t dev = 0, ino = 0;
    friend bool operator==(const FileIdentity& a, const FileIdentity& b) { return a.dev == b.dev && a.ino == b.ino; }
};
std::optional<std::string> read_file_limited(const std::string& path, std::size_t max_bytes, std::string& error,
                                             FileIdentity* identity = nullptr);
// The identity of an existing file (following symbolic links), or nullopt.
std::optional<FileIdentity> file_identity(const std::string& path);
// Writes `path.tmp`, fsyncs it, renames it over `path` and fsyncs the folder: a reader sees the
// old content or the new one, never a mix.
bool write_file_atomic(const std::string& path, std::string_view content, bool sync, std::string& error);
// Creates the folder and its parents; true when it exists afterwards.
bool make_dirs(const std::string& dir, std::string& error);
// Names (not paths) in a folder, unsorted; empty when it cannot be read.
std::vector<std::string> list_dir(const std::string& dir);
bool file_exists(const std::string& path);
bool remove_file(const std::string& path);
bool truncate_file(const std::string& path, std::uint64_t size);
void sync_dir(const std::string& dir);
std::string join_path(const std::string& dir, const std::string& name);

// An append-only file: each append is one write(2) of a whole line followed by fsync, so a
// crash leaves at most one torn line at the end.
class AppendFile {
public:
    AppendFile() = default;
    ~AppendFile();
    AppendFile(const AppendFile&) = delete;
    AppendFile& operator=(const AppendFile&) = delete;
    AppendFile(AppendFile&& other) noexcept;
    AppendFile& operator=(AppendFile&& other) noexcept;

    bool open(const std::string& path, std::string& error);
    bool append(std::string_view data, bool sync, std::string& error);
    void close();
    bool is_open() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace portal::store
