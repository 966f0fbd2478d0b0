#pragma once
// The one place the tests include Catch2 (v2 header; v3 would include catch_all.hpp instead).
#if __has_include(<catch2/catch.hpp>)
#include <catch2/catch.hpp>
#else
#include <catch2/catch_all.hpp>
#endif

#include <filesystem>
#include <string>

namespace vaekit::test {
/// vaekit's own fixtures (tests/data).
inline std::filesystem::path data_dir() {
  return VAEKIT_TEST_DATA_DIR;
}
/// The real samples in ../shared/data; may be absent (tests then skip).
inline std::filesystem::path shared_data_dir() {
  return VAEKIT_SHARED_DATA_DIR;
}
inline bool has_shared_data() {
  return std::filesystem::is_directory(shared_data_dir());
}
}  // namespace vaekit::test
