#include "vaekit/core/io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <streambuf>
#include <vector>

#include "vaekit/core/error.hpp"

namespace vaekit {
namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

void write_all(int fd, const char* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      {
        const int err = errno;
        throw IoError(path, "write failed: " + errno_text(err), err);
      }
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void fsync_dir(const std::filesystem::path& dir) {
  const std::string d = dir.empty() ? std::string(".") : dir.string();
  const int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: some file systems refuse to open folders
  (void)::fsync(fd);
  ::close(fd);
}

// A buffered streambuf over a file descriptor.
class FdBuf : public std::streambuf {
 public:
  FdBuf(int fd, std::string path) : fd_(fd), path_(std::move(path)), buf_(1 << 16) {
    setp(buf_.data(), buf_.data() + buf_.size());
  }
  void flush_now() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0) write_all(fd_, pbase(), n, path_);
    setp(buf_.data(), buf_.data() + buf_.size());
  }

 protected:
  int_type overflow(int_type ch) override {
    flush_now();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override {
    flush_now();
    return 0;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(buf_.size())) {
      flush_now();
      write_all(fd_, s, static_cast<std::size_t>(n), path_);
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }

 private:
  int fd_;
  std::string path_;
  std::vector<char> buf_;
};

}  // namespace

namespace {

// Opens @p path for reading; throws IoError (with errno) when it cannot, or when it is a folder.
int open_for_reading(const std::filesystem::path& path, struct stat& st) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    const int err = errno;
    throw IoError(path.string(), "cannot open for reading: " + errno_text(err), err);
  }
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw IoError(path.string(), "cannot read its status: " + errno_text(err), err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw IoError(path.string(), "is a folder, not a file: " + errno_text(EISDIR), EISDIR);
  }
  return fd;
}

std::string read_all(int fd, const std::filesystem::path& path, std::size_t size_hint) {
  std::string out;
  out.reserve(size_hint);
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw IoError(path.string(), "read failed: " + errno_text(err), err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path) {
  struct stat st {};
  const int fd = open_for_reading(path, st);
  return read_all(fd, path, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
}

MappedFile::MappedFile(const std::filesystem::path& path) {
  struct stat st {};
  const int fd = open_for_reading(path, st);
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p != MAP_FAILED) {
      ::madvise(p, size, MADV_SEQUENTIAL);
      data_ = static_cast<const char*>(p);
      size_ = size;
      mapped_ = true;
      ::close(fd);
      return;
    }
  }
  fallback_ = read_all(fd, path, 0);  // empty, special or unmappable files
  data_ = fallback_.data();
  size_ = fallback_.size();
}

void require_nonempty(std::string_view text, const std::filesystem::path& path,
                      std::string_view what) {
  if (text.empty()) {
    throw ParseError(SourceLocation{path.string(), 0, 0, {}},
                     "empty file (0 bytes): " + std::string(what));
  }
}

MappedFile::~MappedFile() {
  if (mapped_)
    ::munmap(const_cast<char*>(data_), size_);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

struct AtomicFile::Impl {
  int fd = -1;
  std::string tmp;
  std::unique_ptr<FdBuf> buf;
  std::unique_ptr<std::ostream> os;
  bool committed = false;
};

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)), impl_(new Impl) {
  std::string tmpl = path_.string() + ".tmp.XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  impl_->fd = ::mkstemp(name.data());
  if (impl_->fd < 0) {
    const int err = errno;
    throw IoError(path_.string(), "cannot create a temporary file beside it: " + errno_text(err),
                  err);
  }
  ::fchmod(impl_->fd, 0644);
  impl_->tmp = name.data();
  impl_->buf = std::make_unique<FdBuf>(impl_->fd, path_.string());
  impl_->os = std::make_unique<std::ostream>(impl_->buf.get());
  impl_->os->exceptions(std::ios::badbit);
}

AtomicFile::~AtomicFile() {
  if (!impl_) return;
  if (impl_->fd >= 0) ::close(impl_->fd);
  if (!impl_->committed && !impl_->tmp.empty()) ::unlink(impl_->tmp.c_str());
}

std::ostream& AtomicFile::stream() noexcept {
  return *impl_->os;
}

void AtomicFile::commit() {
  if (impl_->committed) return;
  try {
    impl_->os->flush();
    impl_->buf->flush_now();
  } catch (const std::ios::failure&) {
    throw IoError(path_.string(), "write failed");
  }
  if (::fsync(impl_->fd) != 0) {
    const int err = errno;
    throw IoError(path_.string(), "fsync failed: " + errno_text(err), err);
  }
  if (::close(impl_->fd) != 0) {
    const int err = errno;
    impl_->fd = -1;
    throw IoError(path_.string(), "close failed: " + errno_text(err), err);
  }
  impl_->fd = -1;
  if (::rename(impl_->tmp.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    throw IoError(path_.string(), "rename into place failed: " + errno_text(err), err);
  }
  impl_->committed = true;
  fsync_dir(path_.parent_path());
}

void write_file_atomic(const std::filesystem::path& path, std::string_view contents) {
  AtomicFile f(path);
  f.stream().write(contents.data(), static_cast<std::streamsize>(contents.size()));
  f.commit();
}

}  // namespace vaekit
