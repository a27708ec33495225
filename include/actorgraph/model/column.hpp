// A typed column of the data model: an array of trivially copyable values that either owns its
// storage (a std::vector, while a reader fills it) or views storage that another object keeps alive
// (a snapshot file mapped into memory, docs/SNAPSHOTS.md). A dataset read from a snapshot so uses
// the file's pages where they are, instead of copying gigabytes into fresh memory that the kernel
// must first zero (half of a snapshot's load at L when it copied).
//
// Reading is the same either way: a pointer and a size, no branch. The few vector-like mutators
// are for the readers that build a column; on a view they first copy it into owned storage (copy
// on write), so a view is never written through. Views returned by data() and operator[] stay
// valid across moves of the column (a moved vector keeps its buffer), not across mutations.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace actorgraph {

namespace detail {
// `bytes` bytes of zeros that take no memory: a private anonymous mapping that is only ever read,
// so every page is the kernel's one zero page. Kept alive by the pointer (the last copy unmaps it).
std::shared_ptr<const void> zero_pages(std::size_t bytes);
}  // namespace detail

template <class T>
class Column {
  static_assert(std::is_trivially_copyable_v<T>, "a Column holds plain values that a snapshot stores as bytes");

 public:
  using value_type = T;
  using const_iterator = const T*;

  Column() = default;
  // Owns `values` (implicit: a reader hands over the vector it filled).
  Column(std::vector<T> values) noexcept : owned_(std::move(values)) { sync(); }  // NOLINT(google-explicit-constructor)
  // Views `values`, which `keep` (not null) keeps alive and unchanged for as long as any copy of the
  // column.
  Column(std::span<const T> values, std::shared_ptr<const void> keep) noexcept
      : data_(values.data()), size_(values.size()), keep_(std::move(keep)) {}

  // `n` values of T{} (all bytes zero) that take no memory (detail::zero_pages): for instance the
  // ends of a text column whose values are all empty.
  static Column zeros(std::size_t n) {
    std::shared_ptr<const void> pages = detail::zero_pages(n * sizeof(T));
    const std::span<const T> values(static_cast<const T*>(pages.get()), n);  // before `pages` is moved from
    return Column(values, std::move(pages));
  }

  Column(const Column& other) : owned_(other.owned_), data_(other.data_), size_(other.size_), keep_(other.keep_) {
    if (!keep_) sync();
  }
  Column(Column&& other) noexcept
      : owned_(std::move(other.owned_)), data_(other.data_), size_(other.size_), keep_(std::move(other.keep_)) {
    other.forget();
  }
  Column& operator=(const Column& other) {
    if (this != &other) *this = Column(other);
    return *this;
  }
  Column& operator=(Column&& other) noexcept {
    if (this == &other) return *this;
    owned_ = std::move(other.owned_);
    data_ = other.data_;
    size_ = other.size_;
    keep_ = std::move(other.keep_);
    other.forget();
    return *this;
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const T* data() const noexcept { return data_; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  operator std::span<const T>() const noexcept { return {data_, size_}; }  // NOLINT(google-explicit-constructor)
  // True when the values are a view of storage kept alive by another object (a mapped snapshot).
  bool is_view() const noexcept { return keep_ != nullptr; }

  // Makes an owned column a view of its own values, which a shared pointer keeps alive, and
  // returns a copy: then the column and every copy share one array instead of each holding its own
  // (a text column's codes that are a typed column's values). The values stay where they are.
  Column shared() {
    if (!keep_) {
      auto values = std::make_shared<const std::vector<T>>(std::move(owned_));
      data_ = values->data();
      keep_ = std::move(values);
    }
    return *this;
  }

  // Mutators, as std::vector's. There is no mutable operator[], so that reading a non-const column
  // never copies a view: edit() gives the values to change in place, owned first (on an owned
  // column it changes nothing, so threads may call it at once to fill different rows).
  T* edit() { return own().data(); }
  void push_back(const T& value) {
    own().push_back(value);
    sync();
  }
  template <class It>
  void append(It first, It last) {
    std::vector<T>& values = own();
    values.insert(values.end(), first, last);
    sync();
  }
  void resize(std::size_t n) {
    own().resize(n);
    sync();
  }
  void assign(std::size_t n, const T& value) {
    own().assign(n, value);
    sync();
  }
  void reserve(std::size_t n) {
    own().reserve(n);
    sync();
  }
  void clear() noexcept {
    owned_.clear();
    keep_.reset();
    sync();
  }

 private:
  void sync() noexcept {
    data_ = owned_.data();
    size_ = owned_.size();
  }
  void forget() noexcept {
    owned_.clear();
    keep_.reset();
    sync();
  }
  // The owned vector, holding a copy of the view first when the column is one.
  std::vector<T>& own() {
    if (keep_) {
      owned_.assign(data_, data_ + size_);
      keep_.reset();
      sync();
    }
    return owned_;
  }

  std::vector<T> owned_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
  std::shared_ptr<const void> keep_;  // set for a view
};

}  // namespace actorgraph
