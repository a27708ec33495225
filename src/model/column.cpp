#include "actorgraph/model/column.hpp"

#include <new>

#include <sys/mman.h>

namespace actorgraph::detail {

std::shared_ptr<const void> zero_pages(std::size_t bytes) {
  if (bytes == 0) return std::make_shared<const char>('\0');
  void* at = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (at == MAP_FAILED) throw std::bad_alloc();
  return {at, [bytes](const void* p) { ::munmap(const_cast<void*>(p), bytes); }};
}

}  // namespace actorgraph::detail
