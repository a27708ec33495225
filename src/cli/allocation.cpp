// The tool's replacement of the global operator new (linked into the executable only, never into
// the library, whose host program chooses its own allocator): malloc, as the default one, and a
// large block advised for transparent huge pages (detail/huge_pages.cpp says why). Deletion is the
// default one (free). Not in the sanitizer builds, whose runtimes replace operator new themselves.
#include "detail/huge_pages.hpp"

#include <cstdlib>
#include <new>

void* operator new(std::size_t bytes) {
  for (;;) {
    if (void* block = std::malloc(bytes == 0 ? 1 : bytes)) {
      actorgraph::detail::advise_huge_pages(block, bytes);
      return block;
    }
    // As the standard's operator new: the new-handler, until it frees memory or there is none.
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}
