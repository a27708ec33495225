// Private: large arrays on transparent huge pages (huge_pages.cpp says why).
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

}  // namespace actorgraph::detail
