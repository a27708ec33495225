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
#include <unistd.h>

namespace actorgraph::detail {

void advise_huge_pages(const void* block, std::size_t bytes) noexcept {
  // A failure (a kernel without transparent huge pages: EINVAL) leaves the pages as they were.
  if (bytes >= huge_pages_from) advise_whole_pages(block, static_cast<const char*>(block) + bytes, std::size_t{2} << 20, MADV_HUGEPAGE);
}

std::size_t system_page_size() noexcept { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

void advise_whole_pages(const void* from, const void* to, std::size_t page, int advice) noexcept {
  const auto begin = (reinterpret_cast<std::uintptr_t>(from) + page - 1) & ~(page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(to) & ~(page - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

}  // namespace actorgraph::detail
