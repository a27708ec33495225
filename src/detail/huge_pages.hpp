// Private: advice to the kernel on ranges of memory: large arrays on transparent huge pages
// (huge_pages.cpp says why), and any advice on a range's whole pages.
#pragma once

#include <cstddef>

namespace actorgraph::detail {

// Blocks of at least this size are worth advising.
inline constexpr std::size_t huge_pages_from = std::size_t{4} << 20;

// Asks the kernel to back the block's whole 2 MiB pages with transparent huge pages
// (madvise(MADV_HUGEPAGE) on the block's 2 MiB-aligned interior), when the block is at least
// huge_pages_from bytes of anonymous memory. A hint: where the kernel has
// no huge pages, or refuses, nothing changes but speed. Best called before the block is written.
void advise_huge_pages(const void* block, std::size_t bytes) noexcept;

// The system's page size (sysconf).
std::size_t system_page_size() noexcept;

// madvise(advice) on the whole pages of `page` bytes (a power of two) that lie within [from, to),
// none when no whole page does: the parts of pages at either end may hold other data. A hint: a
// failure is ignored.
void advise_whole_pages(const void* from, const void* to, std::size_t page, int advice) noexcept;

}  // namespace actorgraph::detail
