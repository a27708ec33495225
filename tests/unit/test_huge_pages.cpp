// Large blocks advised for transparent huge pages (detail/huge_pages.hpp), and the tool's operator
// new that advises every large array (src/cli/allocation.cpp, linked into these tests as into the
// tool, but for the sanitizer builds). Read back from the kernel: the flag "hg" (VM_HUGEPAGE) of the
// mapping that holds an address, in /proc/self/smaps.
#include "detail/huge_pages.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <sys/mman.h>

using actorgraph::detail::advise_huge_pages;
using actorgraph::detail::huge_pages_from;

namespace {

constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;

// The VmFlags of the mapping that holds `address`, or "" when none does.
std::string mapping_flags(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= address && address < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line.substr(8) + " ";
    }
  }
  return "";
}

bool advised(std::uintptr_t address) { return mapping_flags(address).find(" hg ") != std::string::npos; }

// The first whole 2 MiB page of a block.
std::uintptr_t first_huge_page(const void* block) { return (reinterpret_cast<std::uintptr_t>(block) + huge_page - 1) & ~(huge_page - 1); }

bool kernel_has_huge_pages() { return std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled"); }

}  // namespace

TEST_CASE("A large block is advised for huge pages on its whole 2 MiB pages, a small one not at all", "[huge_pages]") {
  if (!kernel_has_huge_pages()) {
    WARN("this kernel has no transparent huge pages: nothing to check");
    return;
  }
  // A mapping of its own, which nothing has advised (malloc's blocks may be parts of one that was).
  const std::size_t mapped = 4 * huge_pages_from;
  void* const region = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(region != MAP_FAILED);
  const std::shared_ptr<void> unmap(region, [](void* at) { ::munmap(at, mapped); });  // a constant: not captured
  const auto start = reinterpret_cast<std::uintptr_t>(region);

  // A block that starts 4 KiB past a 2 MiB boundary and ends 4 KiB before one.
  const std::uintptr_t boundary = (start + huge_page - 1) & ~(huge_page - 1);
  char* const block = reinterpret_cast<char*>(boundary + 4096);
  const std::size_t large = 2 * huge_pages_from - 8192;
  const std::uintptr_t inside = first_huge_page(block);
  REQUIRE(inside == boundary + huge_page);
  CHECK_FALSE(advised(inside));
  advise_huge_pages(block, large);
  CHECK(advised(inside));
  CHECK(advised(boundary + 2 * huge_pages_from - huge_page - 1));  // the last whole page
  // Not the parts of a page at either end, which may be other blocks'.
  CHECK_FALSE(advised(inside - 1));
  CHECK_FALSE(advised(boundary + 2 * huge_pages_from - huge_page));

  // A small block: nothing, not even its whole pages.
  char* const small = reinterpret_cast<char*>(boundary + 2 * huge_pages_from);
  REQUIRE(reinterpret_cast<std::uintptr_t>(small) + huge_pages_from - 1 <= start + mapped);
  advise_huge_pages(small, huge_pages_from - 1);
  CHECK_FALSE(advised(reinterpret_cast<std::uintptr_t>(small)));
}

#ifdef ACTORGRAPH_TOOL_OPERATOR_NEW
TEST_CASE("The tool's operator new advises every large array for huge pages", "[huge_pages]") {
  if (!kernel_has_huge_pages()) {
    WARN("this kernel has no transparent huge pages: nothing to check");
    return;
  }
  // 64 MiB: above glibc's largest mmap threshold (32 MiB), so a mapping of its own, which only this
  // operator new can have advised (a smaller block may reuse heap another test advised).
  std::vector<std::uint32_t> large(4 * huge_pages_from);
  CHECK(advised(first_huge_page(large.data())));
  // And it is an operator new: a request it cannot meet throws. Called by name: clang may elide
  // the allocation of a vector that nothing reads.
  CHECK_THROWS_AS(static_cast<void>(::operator new (std::size_t{1} << 62)), std::bad_alloc);
}
#endif
