// Private: an array of `n` values left unset, for code that writes every one, often on the threads,
// and then hands it over as a Column (model/column.hpp). A vector's resize would zero it first,
// touching every page on one thread (a page's first touch is most of what writing it costs on a
// virtual machine); this way the threads that fill it share that cost. Allocated with new[]: in
// the tool, a large block is advised for huge pages there (src/cli/allocation.cpp).
#pragma once

#include "actorgraph/model/column.hpp"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>

namespace actorgraph::detail {

template <class T>
class UnsetColumn {
 public:
  explicit UnsetColumn(std::size_t n) : values_(new T[std::max<std::size_t>(n, 1)]), size_(n) {}
  T* data() const noexcept { return values_.get(); }
  // The values as a column that keeps them alive; the array is not to be written after.
  Column<T> column() && {
    const std::span<const T> values(values_.get(), size_);
    return Column<T>(values, std::shared_ptr<const void>(std::move(values_)));
  }

 private:
  std::shared_ptr<T[]> values_;
  std::size_t size_;
};

}  // namespace actorgraph::detail
