#include "store/fs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace portal::store {

namespace {
std::string errno_text(const char* what, const std::string& path) {
    return std::string(what) + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view data) {
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

std::string parent_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}
}  // namespace

std::string join_path(const std::string& dir, const std::string& name) {
    if (dir.empty()) return name;
    if (dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

std::optional<std::string> read_whole_file(const std::string& path, std::string* error) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        if (error) *error = errno_text("cannot open", path);
        return std::nullopt;
    }
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (error) *error = errno_text("cannot read", path);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

std::optional<std::string> read_file_limited(const std::string& path, std::size_t max_bytes, std::string& error,
                                             FileIdentity* identity) {
    auto over = [&](std::uint64_t size, bool at_least) {
        error = std::string("is ") + (at_least ? "more than " : "") + std::to_string(size) +
                " bytes, over the limit of " + std::to_string(max_bytes) + " bytes";
    };
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        error = std::string(errno == EISDIR ? "is a directory, not a file" : "cannot open: ") +
                (errno == EISDIR ? "" : std::strerror(errno));
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        error = std::string("cannot read: ") + std::strerror(errno);
        ::close(fd);
        return std::nullopt;
    }
    if (identity) *identity = FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory, not a file";
        ::close(fd);
        return std::nullopt;
    }
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        over(static_cast<std::uint64_t>(st.st_size), false);
        ::close(fd);
        return std::nullopt;
    }
    std::string out;
    if (S_ISREG(st.st_mode)) out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        // One byte past the limit is enough to know a stream is too long.
        const std::size_t room = max_bytes + 1 - out.size();
        ssize_t n = ::read(fd, buf, room < sizeof buf ? room : sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::string("cannot read: ") + std::strerror(errno);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > max_bytes) {
            over(max_bytes, true);
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    return out;
}

std::optional<FileIdentity> file_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

void sync_dir(const std::string& dir) {
    // Makes a rename or a new file durable; some file systems refuse fsync on a folder, and
    // that is harmless here.
    int fd = ::open(dir.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

bool write_file_atomic(const std::string& path, std::string_view content, bool sync, std::string& error) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        error = errno_text("cannot create", tmp);
        return false;
    }
    if (!write_all(fd, content) || (sync && ::fsync(fd) != 0)) {
        error = errno_text("cannot write", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::close(fd) != 0) {  // NFS and some FUSE file systems report a failed write only here
        error = errno_text("cannot write", tmp);
        ::unlink(tmp.c_str());
        return false;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        error = errno_text("cannot rename onto", path);
        ::unlink(tmp.c_str());
        return false;
    }
    if (sync) sync_dir(parent_of(path));
    return true;
}

bool make_dirs(const std::string& dir, std::string& error) {
    if (dir.empty()) return true;
    std::string partial;
    std::size_t pos = 0;
    while (pos <= dir.size()) {
        std::size_t next = dir.find('/', pos);
        if (next == std::string::npos) next = dir.size();
        partial = dir.substr(0, next);
        if (!partial.empty() && ::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
            error = errno_text("cannot create folder", partial);
            return false;
        }
        pos = next + 1;
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        error = "not a folder: " + dir;
        return false;
    }
    return true;
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    DIR* d = ::opendir(dir.c_str());
    if (!d) return names;
    while (struct dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
    return names;
}

bool file_exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool remove_file(const std::string& path) { return ::unlink(path.c_str()) == 0; }

bool truncate_file(const std::string& path, std::uint64_t size) {
    return ::truncate(path.c_str(), static_cast<off_t>(size)) == 0;
}

// [SECTION] AppendFile

AppendFile::~AppendFile() { close(); }

AppendFile::AppendFile(AppendFile&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
    other.fd_ = -1;
}

AppendFile& AppendFile::operator=(AppendFile&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        path_ = std::move(other.path_);
        other.fd_ = -1;
    }
    return *this;
}

bool AppendFile::open(const std::string& path, std::string& error) {
    close();
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd_ < 0) {
        error = errno_text("cannot open", path);
        return false;
    }
    path_ = path;
    return true;
}

bool AppendFile::append(std::string_view data, bool sync, std::string& error) {
    if (fd_ < 0) {
        error = "journal is not open";
        return false;
    }
    if (!write_all(fd_, data)) {
        error = errno_text("cannot append to", path_);
        return false;
    }
    if (sync && ::fsync(fd_) != 0) {
        error = errno_text("cannot sync", path_);
        return false;
    }
    return true;
}

void AppendFile::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

}  // namespace portal::store
