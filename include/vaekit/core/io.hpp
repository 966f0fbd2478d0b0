#pragma once
/// @file
/// @brief File helpers: whole-file reads and atomic writes (temporary file, fsync, rename).

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace vaekit {

/// The whole content of the file @p path; throws IoError naming the path.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path);

/// A file's content in memory, read-only: mapped (mmap) where the file allows it, else read.
/// Large logs are read through this without a copy; the text stays valid while the object lives.
class MappedFile {
 public:
  /// Maps or reads @p path; throws IoError naming the path.
  explicit MappedFile(const std::filesystem::path& path);
  /// Unmaps the file.
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;             ///< Not copyable.
  MappedFile& operator=(const MappedFile&) = delete;  ///< Not copyable.
  /// The content.
  [[nodiscard]] std::string_view text() const noexcept { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
  std::string fallback_;
};

/// Throws ParseError naming @p path when @p text is empty: a file that must hold at least one
/// record (@p what says which, e.g. "an event log has at least its EventLog.1 header") is not
/// read as an empty input when it has 0 bytes.
void require_nonempty(std::string_view text, const std::filesystem::path& path,
                      std::string_view what);

/// Writes @p contents to @p path atomically: a temporary file in the same folder is written,
/// flushed, fsync'ed and renamed over @p path, then the folder is fsync'ed. Readers see the old
/// file or the new one, never a part; a crash leaves no partial file under @p path.
/// Throws IoError naming the path. Every writer of the library goes through this.
void write_file_atomic(const std::filesystem::path& path, std::string_view contents);

/// A file written atomically through a std::ostream: content goes to a temporary file beside
/// the target; commit() makes it durable and renames it into place; destroying an uncommitted
/// AtomicFile removes the temporary file and leaves the target untouched.
class AtomicFile {
 public:
  /// Opens a temporary file beside @p path; throws IoError.
  explicit AtomicFile(std::filesystem::path path);
  /// Discards the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;             ///< Not copyable.
  AtomicFile& operator=(const AtomicFile&) = delete;  ///< Not copyable.
  /// The stream to write the content to.
  [[nodiscard]] std::ostream& stream() noexcept;
  /// Flushes, fsyncs, renames over the target and fsyncs the folder; throws IoError.
  void commit();
  /// The final path.
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  struct Impl;
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaekit
