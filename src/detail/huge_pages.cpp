// Why: loading a dataset writes every byte of a few large arrays once (the file's text, the
// columns' text and ends, the id indexes, the graph's arrays). With 4 KiB pages each page is a
// fault the first time it is written: at L (10M relations) about a million faults, which on this
// project's virtual machines cost 8 of the 17 s of `check` in system time, and the many pages cost
// TLB misses after. A 2 MiB page is one fault for 512 small ones. Linux backs an anonymous range
// with huge pages when it is advised (MADV_HUGEPAGE) in its modes madvise (this machine's,
// /sys/kernel/mm/transparent_hugepage/enabled) and always; glibc's malloc advises nothing unless
// started with the tunable glibc.malloc.hugetlb=1, so actorgraph advises its large blocks itself
// (here, for the buffers it allocates with malloc, and in the tool's operator new, src/cli/
// allocation.cpp, for every other large array). docs/ARCHITECTURE.md, "Memory", has the figures.
#include "detail/huge_pages.hpp"

#include <cstdint>

#include <sys/mman.h>

namespace actorgraph::detail {

void advise_huge_pages(const void* block, std::size_t bytes) noexcept {
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
  if (bytes < huge_pages_from) return;
  const auto at = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t begin = (at + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t end = (at + bytes) & ~(huge_page - 1);
  // A failure (a kernel without transparent huge pages: EINVAL) leaves the pages as they were.
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace actorgraph::detail
