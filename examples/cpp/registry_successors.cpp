// Follows a certification's replacement chain in the example registry (examples/data/registry,
// the real CSV export format) and prints what a counsellor can still offer: the DEAVS (RNCP4503)
// was replaced by the DEAES. Run from the repository root:
//   build/<dir>/examples/example_registry_successors [code] [export.zip]
#include <iostream>
#include <vaekit/vaekit.hpp>

int main(int argc, char** argv) {
  const std::string code = argc > 1 ? argv[1] : "RNCP4503";
  const std::filesystem::path path =
      argc > 2 ? argv[2] : "examples/data/registry/export-fiches-csv-2024-02-22-example.zip";
  try {
    const vaekit::Registry reg = vaekit::Registry::load(path);
    std::cout << path.filename().string() << ": " << reg.size() << " certifications\n";
    const vaekit::Certification& start = reg.get(code);
    std::cout << start.code << "  " << start.title << (start.active ? "" : "  [inactive]") << "\n";
    const vaekit::Succession s = reg.succession(code);
    for (const auto& next : s.chain) {
      const vaekit::Certification* c = reg.find(next);
      std::cout << "  -> " << next << "  " << (c != nullptr ? c->title : "(not in this export)")
                << (c != nullptr && !c->active ? "  [inactive]" : "") << "\n";
    }
    for (const auto& issue : s.issues) {
      std::cout << "  ! " << vaekit::to_string(issue.kind) << " link " << issue.from << " -> "
                << issue.to << "\n";
    }
    const auto offer = reg.active_successors(code, /*vae_only=*/true);
    std::cout << "Offer by VAE instead:";
    for (const auto& o : offer) std::cout << " " << o << " (" << reg.get(o).title << ")";
    std::cout << (offer.empty() ? " nothing (still available or no active successor)\n" : "\n");
    // A chain must lead somewhere: the example data's DEAVS ends at the DEAES.
    return s.successors.empty() && !start.replaced_by.empty() ? 1 : 0;
  } catch (const vaekit::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
