// The ROME v4 list (France Travail open data).
#include "vaekit/registry/rome.hpp"

#include <algorithm>

#include "detail.hpp"
#include "vaekit/core/io.hpp"

namespace vaekit {

RomeCatalog::RomeCatalog(std::vector<RomeJob> jobs) : jobs_(std::move(jobs)) {
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    if (!by_code_.emplace(jobs_[i].code, i).second) {
      throw InvalidArgument("duplicate ROME code " + jobs_[i].code);
    }
    const std::string parent = jobs_[i].parent_code.empty() ? jobs_[i].code : jobs_[i].parent_code;
    by_parent_[parent].push_back(i);
  }
}

RomeCatalog RomeCatalog::load_csv(const std::filesystem::path& path) {
  return read_csv(read_text_file(path), path.string());
}

RomeCatalog RomeCatalog::read_csv(std::string_view text, std::string_view source) {
  detail::CsvReader csv(text, ',');
  detail::CsvRecord rec;
  const std::string src(source);
  try {
    if (!csv.next(rec)) throw ParseError(SourceLocation{src, 1, 0, ""}, "empty ROME file");
    auto col = [&](std::string_view name) {
      for (std::size_t i = 0; i < rec.fields.size(); ++i) {
        if (detail::trim(rec.fields[i]) == name) return i;
      }
      throw ParseError(SourceLocation{src, rec.line, 0, std::string(name)},
                       "missing column " + std::string(name));
    };
    const std::size_t c_code = col("code_rome");
    const std::size_t c_label = col("libelle_rome");
    const std::size_t c_parent = col("code_rome_parent");
    const std::size_t width = rec.fields.size();
    std::vector<RomeJob> jobs;
    while (csv.next(rec)) {
      if (rec.fields.size() != width) {
        throw ParseError(SourceLocation{src, rec.line, 0, ""}, std::to_string(rec.fields.size()) +
                                                                   " values where the header has " +
                                                                   std::to_string(width));
      }
      for (const auto& f : rec.fields) {
        if (!detail::valid_utf8(f)) {
          throw ParseError(SourceLocation{src, rec.line, 0, ""},
                           "invalid UTF-8 (is this file Latin-1?)");
        }
      }
      RomeJob job{std::string(detail::trim(rec.fields[c_code])), rec.fields[c_label],
                  std::string(detail::trim(rec.fields[c_parent]))};
      if (job.code.size() != 5) {
        throw ParseError(SourceLocation{src, rec.line, 0, "code_rome"},
                         "malformed ROME code " + excerpt(job.code));
      }
      jobs.push_back(std::move(job));
    }
    return RomeCatalog(std::move(jobs));
  } catch (const InvalidArgument& e) {
    throw ParseError(SourceLocation{src, csv.line(), 0, ""}, e.what());
  }
}

const RomeJob* RomeCatalog::find(std::string_view code) const noexcept {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &jobs_[it->second];
}

const RomeJob& RomeCatalog::get(std::string_view code) const {
  const RomeJob* j = find(code);
  if (j == nullptr) throw NotFound(std::string(code), "no ROME code " + excerpt(code));
  return *j;
}

std::vector<std::string> RomeCatalog::siblings(std::string_view code) const {
  const RomeJob* j = find(code);
  if (j == nullptr) return {std::string(code)};
  const std::string parent = j->parent_code.empty() ? j->code : j->parent_code;
  std::vector<std::string> out;
  auto it = by_parent_.find(parent);
  if (it != by_parent_.end()) {
    for (auto i : it->second) out.push_back(jobs_[i].code);
  }
  // The v3 parent itself, when it is still a v4 code.
  if (find(parent) != nullptr) out.push_back(parent);
  detail::sort_unique(out);
  return out;
}

}  // namespace vaekit
