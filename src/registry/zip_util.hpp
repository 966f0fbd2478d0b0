// RAII helpers around libzip (private to the registry area).
#pragma once

#include <zip.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "vaekit/core/error.hpp"

namespace vaekit::detail {

/// An open zip archive (from a file or from memory); closed (discarding changes) on destruction.
class ZipArchive {
 public:
  /// Opens @p path, or @p data when @p path is empty; on failure ok() is false and error() says
  /// why.
  ZipArchive(const std::string& path, std::string_view data) {
    zip_error_t err;
    zip_error_init(&err);
    if (!path.empty()) {
      int code = 0;
      zip_ = zip_open(path.c_str(), ZIP_RDONLY, &code);
      if (zip_ == nullptr) zip_error_init_with_code(&err, code);
    } else {
      zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &err);
      if (src != nullptr) {
        zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
        if (zip_ == nullptr) zip_source_free(src);
      }
    }
    if (zip_ == nullptr) error_ = zip_error_strerror(&err);
    zip_error_fini(&err);
  }
  ~ZipArchive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  [[nodiscard]] bool ok() const noexcept { return zip_ != nullptr; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] zip_t* get() const noexcept { return zip_; }
  [[nodiscard]] zip_int64_t entries() const noexcept { return zip_get_num_entries(zip_, 0); }
  /// The raw entry name (bytes as stored; the exports use UTF-8 without the UTF-8 flag).
  [[nodiscard]] std::string name(zip_uint64_t i) const {
    const char* n = zip_get_name(zip_, i, ZIP_FL_ENC_RAW);
    return n == nullptr ? std::string() : std::string(n);
  }

  /// The compressed and uncompressed sizes entry @p i declares (0 when unknown).
  [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> sizes(zip_uint64_t i) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, i, 0, &st) != 0) return {0, 0};
    return {(st.valid & ZIP_STAT_COMP_SIZE) != 0 ? st.comp_size : 0,
            (st.valid & ZIP_STAT_SIZE) != 0 ? st.size : 0};
  }

  /// Reads entry @p i in chunks, calling @p sink(const char*, size_t) for each; returns an empty
  /// string on success, the libzip error otherwise.
  template <class Sink>
  std::string read(zip_uint64_t i, Sink&& sink) const {
    zip_file_t* f = zip_fopen_index(zip_, i, 0);
    if (f == nullptr) return zip_error_strerror(zip_get_error(zip_));
    // Closed even when the sink throws (a strict-mode error in the middle of an entry).
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, &zip_fclose);
    static constexpr std::size_t kChunk = 1 << 20;
    std::string buf(kChunk, '\0');
    std::string err;
    while (true) {
      const zip_int64_t n = zip_fread(f, buf.data(), kChunk);
      if (n < 0) {
        err = zip_error_strerror(zip_file_get_error(f));
        break;
      }
      if (n == 0) break;
      if (!sink(buf.data(), static_cast<std::size_t>(n))) break;
    }
    return err;
  }

 private:
  zip_t* zip_ = nullptr;
  std::string error_;
};

}  // namespace vaekit::detail
