// The shared body of the document fuzz targets (fuzz/document_*.cpp): any input must read as a
// T whose document form reads back (equal, when T has ==) and prints, or throw a vaekit::Error.
// Deep nesting, duplicate keys, invalid UTF-8 and huge strings all end in a ParseError.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vaekit/core/json.hpp"

namespace vaekit::fuzz {

/// Reads @p data as a T document and checks the round trip; aborts on a disagreement.
template <class T>
int document_round_trip(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const T value = read_document<T>(text, "fuzz");
    const Json doc = to_document(value);
    const T again = read_document<T>(doc.dump(), "fuzz-again");
    if constexpr (std::equality_comparable<T>) {
      if (!(again == value)) std::abort();
    }
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace vaekit::fuzz
