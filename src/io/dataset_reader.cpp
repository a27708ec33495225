// Reading a dataset folder of CSV files into tables (io/dataset_reader.hpp); the tables are then
// checked by the one validator (src/io/tables.cpp), which a CsvLocator tells where each cell is.
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/metadata.hpp"

#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/tables.hpp"
#include "actorgraph/io/text_file.hpp"
#include "detail/huge_pages.hpp"
#include "detail/parallel.hpp"
#include "io/detail/file_text.hpp"
#include "io/detail/table_validation.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actorgraph {

namespace fs = std::filesystem;

namespace detail {

namespace {

using Phase = Reporter::Phase;

}  // namespace

TablePosition CsvTableFile::position(std::uint64_t offset) {
  if (!lines_) lines_ = std::make_unique<LineIndex>(text_);
  TablePosition at{path_, 0, 0, {}};
  lines_->locate(offset, at.line, at.column);
  if (!context_.empty()) {
    at.context = context_ + (at.line ? ", line " + std::to_string(at.line) : std::string());
    at.sort_line = at.cited_line = at.line;
    at.sort_column = at.column;
    at.line = at.column = 0;
  }
  return at;
}

void CsvTableFile::report(Reporter& reporter, std::uint64_t offset, std::string message, Phase phase, std::size_t row) {
  TablePosition at = position(offset);
  if (!at.context.empty()) message = at.context + ": " + message;
  reporter.add(static_cast<std::size_t>(kind_), Diagnostic{std::move(at.file), at.line, at.column, Severity::error, std::move(message)}, phase,
               row, Reporter::Step::reading, true, at.sort_line, at.sort_column);
}

namespace {

// Past this many NUL bytes, or bytes that are not UTF-8, a file is not text: the rest are not listed.
constexpr std::size_t max_bad_bytes = 20;

// The first max_bad_bytes + 1 NUL bytes and bytes that are not UTF-8 in text[from, to). `from` and
// `to` are where a line starts (or the text's ends): no UTF-8 sequence runs across a line end, so
// the ranges of a text cut at line starts hold the bytes a scan of the whole text finds.
void scan_bytes(std::string_view text, std::size_t from, std::size_t to, CsvChunk& chunk) {
  const std::string_view range = text.substr(0, to);
  for (std::size_t at = range.find('\0', from); at != std::string_view::npos && chunk.nuls.size() <= max_bad_bytes;
       at = range.find('\0', at + 1))
    chunk.nuls.push_back(at);
  for (std::size_t at = find_invalid_utf8(range, from); at != std::string_view::npos && chunk.invalid.size() <= max_bad_bytes;
       at = find_invalid_utf8(range, at + 1))
    chunk.invalid.push_back(at);
}

// Where the chunks of the data rows start: `first` (just past the header), then the first line
// start at or after every further `chunk_bytes` bytes. A quoted field may hold a line end, so a
// line start need not be a record start: the reader checks each chunk's start (CsvTableFile::read).
std::vector<std::size_t> chunk_starts(std::string_view text, std::size_t first, std::size_t chunk_bytes) {
  std::vector<std::size_t> starts{first};
  chunk_bytes = std::max<std::size_t>(chunk_bytes, 1);
  const std::size_t chunks = first < text.size() ? (text.size() - first) / chunk_bytes : 0;
  for (std::size_t k = 1; k < chunks; ++k) {
    const std::size_t nominal = std::max(first + k * chunk_bytes, starts.back() + 1);
    if (nominal >= text.size()) break;
    const void* newline = std::memchr(text.data() + nominal, '\n', text.size() - nominal);
    if (!newline) break;
    const std::size_t start = static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
    if (start >= text.size()) break;
    starts.push_back(start);
  }
  return starts;
}

}  // namespace

// A NUL byte is valid UTF-8 but no text editor shows it, and DOT cannot carry it: refuse it.
// Then every byte that is not UTF-8. `chunks` hold the first of them, chunk by chunk in file order.
void CsvTableFile::report_bytes(Reporter& reporter, const std::vector<CsvChunk>& chunks) {
  const auto first = [&](const std::vector<std::size_t> CsvChunk::*list) {
    std::vector<std::size_t> offsets;
    for (const CsvChunk& chunk : chunks)
      for (const std::size_t at : chunk.*list)
        if (offsets.size() <= max_bad_bytes) offsets.push_back(at);
    return offsets;
  };
  const std::vector<std::size_t> nuls = first(&CsvChunk::nuls), invalid = first(&CsvChunk::invalid);
  for (std::size_t i = 0; i < nuls.size(); ++i)
    report(reporter, nuls[i],
           i == max_bad_bytes ? "further NUL bytes not reported (is this a text file?)"
                              : "NUL byte (0x00) in the file; a dataset file is text and cannot contain one");
  for (std::size_t i = 0; i < invalid.size(); ++i) {
    if (i == max_bad_bytes) {
      report(reporter, invalid[i], "further invalid UTF-8 not reported (is this a text file in UTF-8?)");
      break;
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text_[invalid[i]]));
    report(reporter, invalid[i], std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8");
  }
}

// First pass over a chunk: its rows' problems and malformed rows, and the bytes of each column,
// so that the table can be allocated exactly before the second pass copies the cells.
void CsvTableFile::scan_chunk(CsvChunk& chunk, const std::vector<std::string>& input_names) const {
  CsvReader reader(text_, chunk.begin, chunk.stop);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  const std::size_t width = input_names.size();
  chunk.rows = 0;
  chunk.bytes.assign(input_column_.size(), 0);
  chunk.problems.clear();
  chunk.malformed.clear();
  chunk.line_starts = true;
  chunk.jumps.clear();
  std::uint64_t line = 0, counted_to = chunk.begin;  // `line`: line ends in [begin, counted_to)
  while (reader.next(fields, problems)) {
    const std::size_t row = chunk.rows++;
    for (auto& p : problems) chunk.problems.push_back({p.offset, std::move(p.message), row});
    bool well_formed = problems.empty() && !missing_required_;
    problems.clear();
    if (fields.size() < width) {
      std::string missing;
      for (std::size_t i = fields.size(); i < width; ++i) missing += (missing.empty() ? "" : ", ") + input_names[i];
      chunk.problems.push_back(
          {reader.record_end(),
           "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) + " (missing: " + missing + ")", row});
      well_formed = false;
    } else if (fields.size() > width) {
      chunk.problems.push_back({fields[width].offset,
                                "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()) +
                                    " (a value that contains a comma must be enclosed in double quotes)",
                                row});
      well_formed = false;
    }
    for (std::size_t c = 0; c < input_column_.size(); ++c) {
      const std::size_t i = input_column_[c];
      if (i < fields.size()) chunk.bytes[c] += fields[i].value.size();
    }
    if (!well_formed) chunk.malformed.push_back(row);
    const std::uint64_t record = reader.record_offset();
    if (record == 0 || text_[record - 1] != '\n') chunk.line_starts = false;
    const std::uint64_t previous = line;
    line += line_ends(counted_to, record);
    counted_to = record;
    if (row == 0 || line != previous + 1) chunk.jumps.emplace_back(row, line);
  }
  chunk.end = reader.position();
  chunk.newlines = line + line_ends(counted_to, chunk.end);
}

std::uint64_t CsvTableFile::line_ends(std::uint64_t from, std::uint64_t to) const {
  return static_cast<std::uint64_t>(
      std::count(text_.begin() + static_cast<std::ptrdiff_t>(from), text_.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
}

// Second pass: the chunk's cells copied into the columns' buffers, at the places the first pass
// counted (`row`: the chunk's first row; `at`: where each column's text of the chunk begins).
// False, with the chunk's cells in part, when its text is not what the first pass read (a mapped
// file that another program wrote meanwhile): no cell is written past what the first pass counted.
bool CsvTableFile::fill_chunk(const CsvChunk& chunk, std::size_t row, std::vector<std::uint64_t> at, const std::vector<char*>& data,
                              const std::vector<std::uint32_t*>& ends) {
  CsvReader reader(text_, chunk.begin, chunk.stop);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  std::vector<std::uint64_t> limit = at;
  for (std::size_t c = 0; c < limit.size(); ++c) limit[c] += chunk.bytes[c];
  const std::size_t row_limit = row + chunk.rows;
  for (; reader.next(fields, problems); ++row) {
    if (row == row_limit) return false;
    problems.clear();
    for (std::size_t c = 0; c < input_column_.size(); ++c) {
      const std::size_t i = input_column_[c];
      if (i < fields.size() && !fields[i].value.empty()) {
        if (fields[i].value.size() > limit[c] - at[c]) return false;
        std::memcpy(data[c] + at[c], fields[i].value.data(), fields[i].value.size());
        at[c] += fields[i].value.size();
      }
      if (ends[c]) ends[c][row] = static_cast<std::uint32_t>(at[c]);  // null: a column of empty values
    }
    row_offsets_[row] = reader.record_offset();
  }
  return row == row_limit && reader.position() == chunk.end;
}

void CsvTableFile::discard_text(std::size_t from, std::size_t to) {
  // Not the page holding `from` and the bytes after it: the chunk before may still be read on
  // another thread, and its reader may look at the first bytes of this chunk to end its last record.
  constexpr std::size_t margin = 64;
  if (from + margin < to) advise_whole_pages(text_.data() + from + margin, text_.data() + to, system_page_size(), MADV_DONTNEED);
}

// The chunks are read on the threads, each from a line start that may be inside a quoted field.
// In file order, each chunk's start is then checked against where the chunk before it ended (a
// reader's position is all its state), and a chunk that started wrong is read again from there.
std::vector<CsvChunk> CsvTableFile::scan_chunks(std::size_t first, const std::vector<std::string>& input_names,
                                                const LoadOptions& options) const {
  const std::vector<std::size_t> starts = chunk_starts(text_, first, options.chunk_bytes);
  std::vector<CsvChunk> chunks(starts.size());
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    chunks[k].begin = starts[k];
    chunks[k].stop = k + 1 < starts.size() ? starts[k + 1] : std::string::npos;
  }
  run_blocks(
      chunks.size(), options.threads, {}, [] { return 0; },
      [&](std::size_t k, std::size_t, int&) {
        scan_bytes(text_, k == 0 ? 0 : starts[k], k + 1 < starts.size() ? starts[k + 1] : text_.size(), chunks[k]);
        scan_chunk(chunks[k], input_names);
      },
      [](int&) {}, chunks.size());
  for (std::size_t k = 1; k < chunks.size(); ++k) {
    if (chunks[k].begin == chunks[k - 1].end) continue;
    chunks[k].begin = chunks[k - 1].end;
    scan_chunk(chunks[k], input_names);
  }
  return chunks;
}

// The cells of the chunks, copied once, on the threads, into buffers of their exact size.
std::vector<TextColumn> CsvTableFile::fill_columns(const std::vector<CsvChunk>& chunks, const LoadOptions& options) {
  std::size_t rows = 0;
  std::vector<std::size_t> first_row(chunks.size());
  std::vector<std::vector<std::uint64_t>> first_byte(chunks.size());
  std::vector<std::uint64_t> bytes(input_column_.size(), 0);
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    first_row[k] = rows;
    first_byte[k] = bytes;
    rows += chunks[k].rows;
    for (std::size_t c = 0; c < bytes.size(); ++c) bytes[c] += chunks[k].bytes[c];
  }
  // Each column's text and ends in buffers of their exact size that the chunks fill: not zeroed
  // first (std::malloc, not a vector's resize), so a page takes memory only when the cells copied
  // into it arrive, while each chunk's text is given back as it is done with (discard_text); on
  // huge pages (detail/huge_pages.hpp).
  const auto buffer = [](std::size_t bytes) {
    void* memory = std::malloc(std::max<std::size_t>(bytes, 1));
    if (!memory) throw std::bad_alloc();
    advise_huge_pages(memory, bytes);
    return std::shared_ptr<void>(memory, std::free);
  };
  std::vector<std::pair<std::shared_ptr<void>, std::shared_ptr<void>>> kept(bytes.size());  // text, ends
  std::vector<char*> data(bytes.size(), nullptr);
  std::vector<std::uint32_t*> ends(bytes.size(), nullptr);
  for (std::size_t c = 0; c < bytes.size(); ++c) {
    if (bytes[c] > std::numeric_limits<std::uint32_t>::max()) throw Error("a text column holds more than 4 GiB; split the dataset");
    if (bytes[c] == 0) continue;
    kept[c] = {buffer(bytes[c]), buffer(rows * sizeof(std::uint32_t))};
    data[c] = static_cast<char*>(kept[c].first.get());
    ends[c] = static_cast<std::uint32_t*>(kept[c].second.get());
  }
  row_offsets_.assign(rows, 0);
  // The lines where the rows' lines jump (CsvChunk::jumps), in the file: each chunk begins on the
  // line after the header's lines and the chunks' before it.
  line_jumps_.clear();
  std::uint64_t line = 1 + line_ends(0, chunks[0].begin);
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    for (const auto& [row, chunk_line] : chunks[k].jumps) line_jumps_.emplace_back(first_row[k] + row, line + chunk_line);
    line += chunks[k].newlines;
  }
  std::atomic<bool> same{true};
  run_blocks(
      chunks.size(), options.threads, {}, [] { return 0; },
      [&](std::size_t k, std::size_t, int&) {
        if (!fill_chunk(chunks[k], first_row[k], first_byte[k], data, ends)) same = false;
        if (discard_) discard_text(chunks[k].begin, chunks[k].end);
      },
      [](int&) {}, chunks.size());
  if (!same || text_owner_.changed()) throw_changed();
  std::vector<TextColumn> cells;
  cells.reserve(bytes.size());
  for (std::size_t c = 0; c < bytes.size(); ++c)
    cells.push_back(bytes[c] == 0 ? TextColumn::empty_values(rows)
                                  : TextColumn(Column<char>(std::span<const char>(data[c], bytes[c]), std::move(kept[c].first)),
                                               Column<std::uint32_t>(std::span<const std::uint32_t>(ends[c], rows), std::move(kept[c].second))));
  return cells;
}

void CsvTableFile::throw_changed() const { throw IoError(path_ + ": the file changed while this command read it; run the command again"); }

void CsvTableFile::read(FileText text, Table& table, Reporter& reporter, std::vector<std::uint8_t>& malformed, const LoadOptions& options) {
  const FileSpec& spec = table_spec(kind_);
  text_owner_ = std::move(text);
  text_ = text_owner_.bytes();
  CsvReader reader(text_);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  if (!reader.next(fields, problems)) {
    CsvChunk whole;
    scan_bytes(text_, 0, text_.size(), whole);
    report_bytes(reporter, {whole});
    std::string header;
    for (const auto& c : spec.columns) header += (header.empty() ? "" : ",") + std::string(c.name);
    report(reporter, 0, "empty file: expected a header row such as '" + header + "'");
    table = Table(std::string(spec.name), {});
    return;
  }
  std::vector<std::string> input_names;
  for (const auto& f : fields) input_names.emplace_back(f.value);
  ColumnPlan plan = plan_columns(spec, input_names);
  input_column_ = std::move(plan.input_column);
  missing_required_ = plan.missing_required;
  std::vector<CsvChunk> chunks = scan_chunks(reader.position(), input_names, options);
  if (between_passes_) between_passes_();
  // The text can go chunk by chunk only if every record starts a line: locate_in_file reads a
  // record again from its offset, and finds its line from the line starts (RowPlaces).
  discard_ = reopened_ && std::all_of(chunks.begin(), chunks.end(), [](const CsvChunk& c) { return c.line_starts; });

  // The problems in the order a reader of the whole file meets them: bytes, header, rows.
  report_bytes(reporter, chunks);
  for (const auto& p : problems) report(reporter, p.offset, p.message);
  for (const auto& p : plan.problems) report(reporter, fields[p.input].offset, p.message);
  std::size_t rows = 0;
  for (CsvChunk& chunk : chunks) {
    for (const auto& p : chunk.problems) report(reporter, p.offset, p.message, Phase::rows, rows + p.row);
    if (!chunk.malformed.empty()) {
      malformed.resize(rows + chunk.malformed.back() + 1, 0);
      for (const std::size_t row : chunk.malformed) malformed[rows + row] = 1;
    }
    rows += chunk.rows;
    chunk.problems = {};
  }
  table = Table(std::string(spec.name), std::move(plan.columns), fill_columns(chunks, options));
}

void RowPlaces::push_back(std::uint64_t offset, std::uint64_t line) {
  const std::size_t row = low_.size();
  const auto change = [row](std::vector<Change>& changes, std::uint64_t value) {
    if (changes.empty() || changes.back().value != value) changes.push_back({row, value});
  };
  change(high_, offset >> 32);
  change(skipped_lines_, line - row);
  low_.push_back(static_cast<std::uint32_t>(offset));
}

std::uint64_t RowPlaces::last_change(const std::vector<Change>& changes, std::size_t row) noexcept {
  const auto after = std::upper_bound(changes.begin(), changes.end(), row, [](std::size_t r, const Change& c) { return r < c.row; });
  return after == changes.begin() ? 0 : std::prev(after)->value;
}

void CsvTableFile::open_for_release(const FileText& text) {
  // A mapped file is open already, and is the very file read; a file read into memory is opened
  // again, and kept only if it is still a regular file of the size read.
  if (std::shared_ptr<const int> mapped = text.descriptor()) {
    reopened_ = std::move(mapped);
    return;
  }
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  auto file = std::shared_ptr<const int>(new int(fd), [](const int* f) {
    ::close(*f);
    delete f;
  });
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || static_cast<std::uint64_t>(info.st_size) != text.bytes().size()) return;
  reopened_ = std::move(file);
}

void CsvTableFile::release_text() {
  if (!discard_) return;  // not reopened, or a record that starts no line: the text is kept
  RowPlaces places;
  places.reserve(row_offsets_.size());
  std::uint64_t line = 0;
  std::size_t j = 0;
  for (std::size_t row = 0; row < row_offsets_.size(); ++row) {
    line = j < line_jumps_.size() && line_jumps_[j].first == row ? line_jumps_[j++].second : line + 1;
    places.push_back(row_offsets_[row], line);
  }
  places_ = std::move(places);
  std::vector<std::uint64_t>().swap(row_offsets_);
  std::vector<std::pair<std::size_t, std::uint64_t>>().swap(line_jumps_);
  file_ = std::move(reopened_);
  file_size_ = text_.size();
  lines_.reset();
  text_ = {};
  text_owner_.reset();
  discard_ = false;
}

void CsvTableFile::forget_positions() {
  text_ = {};
  text_owner_.reset();
  lines_.reset();
  std::vector<std::uint64_t>().swap(row_offsets_);
  std::vector<std::pair<std::size_t, std::uint64_t>>().swap(line_jumps_);
  places_ = RowPlaces{};
  file_.reset();
  reopened_.reset();
}

// locate() once the text is released: the row's record read again, from its offset to the next
// row's (or the end of the file).
TablePosition CsvTableFile::locate_in_file(std::size_t row, std::size_t column, std::size_t within) {
  const TablePosition row_start{path_, places_.line(row), 1, {}};
  if (column == TableLocator::whole_row) return row_start;
  const std::uint64_t record = places_.offset(row);
  const std::uint64_t end = row + 1 < places_.size() ? places_.offset(row + 1) : file_size_;
  std::string bytes(end - record, '\0');
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::pread(*file_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(record + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return row_start;
    done += static_cast<std::size_t>(n);
  }
  const std::uint64_t offset = cell_offset(bytes, column, within);
  const std::string_view before = std::string_view(bytes).substr(0, offset);
  const std::size_t newline = before.rfind('\n');
  TablePosition at = row_start;
  at.line += static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
  at.column = count_code_points(newline == std::string_view::npos ? before : before.substr(newline + 1)) + 1;
  return at;
}

// The offset in `record` (a record's text, from its first byte) of a cell, or of an item at byte
// `within` of it (see TableLocator::locate).
std::uint64_t CsvTableFile::cell_offset(std::string_view rest, std::size_t column, std::size_t within) const {
  CsvReader reader(rest);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> ignored;
  reader.next(fields, ignored);
  const std::size_t i = column < input_column_.size() ? input_column_[column] : std::string::npos;
  if (i >= fields.size()) return reader.record_end();  // a field the record lacks: where it ends
  const CsvField& field = fields[i];
  // An item inside the value, when the value is the file's own text (not unescaped).
  const bool in_text = field.value.data() >= rest.data() && field.value.data() < rest.data() + rest.size();
  return within != TableLocator::whole_row && in_text ? static_cast<std::uint64_t>(field.value.data() - rest.data()) + within
                                                      : field.offset;
}

TablePosition CsvTableFile::locate(std::size_t row, std::size_t column, std::size_t within) {
  if (file_) return row < places_.size() ? locate_in_file(row, column, within) : TablePosition{path_, 0, 0, context_};
  if (row >= row_offsets_.size()) return TablePosition{path_, 0, 0, context_};
  const std::uint64_t record = row_offsets_[row];
  const std::uint64_t offset =
      column == TableLocator::whole_row ? record : record + cell_offset(std::string_view(text_).substr(record), column, within);
  return position(offset);
}

namespace {

class CsvLocator : public TableLocator {
 public:
  explicit CsvLocator(std::vector<CsvTableFile>& files) : files_(files) {}
  TablePosition locate(TableKind table, std::size_t row, std::size_t column, std::size_t within) override {
    return files_[static_cast<std::size_t>(table)].locate(row, column, within);
  }
  void forget() override {
    for (CsvTableFile& file : files_) file.forget_positions();
  }

 private:
  std::vector<CsvTableFile>& files_;
};

// Every other file of the folder is kept byte for byte (Dataset::other_files), so that conversions
// carry it along; hidden files (".name", e.g. an editor's swap file) are not part of the dataset.
void read_other_files(const std::string& folder, const std::map<std::string, std::string>* files, DatasetTables& tables,
                      Reporter& reporter) {
  if (files) {
    for (const auto& [name, bytes] : *files)
      if (!is_dataset_file_name(name)) tables.other_files.push_back(DatasetFile{name, bytes});
    return;
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name.front() != '.' && !is_dataset_file_name(name)) names.push_back(std::move(name));
  }
  if (ec) throw IoError(folder + ": cannot list the folder: " + ec.message());
  std::sort(names.begin(), names.end());
  for (auto& name : names) {
    const std::string path = folder + "/" + name;
    if (!fs::is_regular_file(path, ec)) {
      tables.other_entries.push_back(std::move(name));
      continue;
    }
    std::string why;
    if (auto bytes = try_read_file(path, why)) {
      if (name == "README.md")
        if (const std::string problem = readme_title_problem(*bytes); !problem.empty())
          reporter.add(Reporter::other, Diagnostic{path, 1, 1, Severity::warning, problem}, Phase::before_rows, 0, Reporter::Step::reading, false);
      tables.other_files.push_back(DatasetFile{std::move(name), std::move(*bytes)});
    } else {
      reporter.add(Reporter::other,
                   Diagnostic{path, 0, 0, Severity::warning, "cannot read the file: " + why + "; conversions and format will not carry it"},
                   Phase::before_rows, 0, Reporter::Step::reading, false);
      tables.other_entries.push_back(std::move(name));
    }
  }
}


// Reads the dataset from the folder on disk, or from `files` (file name -> text) when given.
CheckResult read_csv_dataset(const std::string& folder, const std::map<std::string, std::string>* files, const LoadOptions& options) {
  std::error_code ec;
  if (!files && !fs::is_directory(folder, ec))
    throw IoError(fs::exists(folder, ec) ? folder + ": not a dataset folder (expected a folder with actors.csv and relations.csv)"
                                         : folder + ": no such dataset folder");
  Reporter reporter;
  ReadState state;
  DatasetTables tables;
  std::vector<CsvTableFile> csv;
  for (std::size_t k = 0; k < table_kind_count; ++k)
    csv.emplace_back(static_cast<TableKind>(k), folder + "/" + std::string(table_file_name(static_cast<TableKind>(k))));
  // Types first: relations need them (the order of the summaries of problems not listed).
  for (const TableKind kind : {TableKind::types, TableKind::actors, TableKind::sources, TableKind::relations, TableKind::blocs}) {
    const auto k = static_cast<std::size_t>(kind);
    const FileSpec& spec = table_spec(kind);
    auto file_problem = [&](std::string message) {
      reporter.add(k, Diagnostic{csv[k].path(), 0, 0, Severity::error, std::move(message)}, Phase::before_rows, 0, Reporter::Step::reading, false);
    };
    std::optional<FileText> text;
    if (files) {
      if (const auto it = files->find(std::string(spec.name)); it != files->end()) text = FileText(it->second);
    } else if (fs::exists(csv[k].path(), ec)) {
      std::string why;
      text = map_or_read_file(csv[k].path(), why, options.threads);
      if (!text) {
        file_problem("cannot read the file: " + why);
        continue;
      }
    }
    if (!text) {
      if (spec.required) file_problem("file not found (a dataset needs actors.csv and relations.csv; see docs/FORMAT.md)");
      continue;
    }
    state.read[k] = true;
    // The text of a file on disk is given back as it is read, and read again where a problem is.
    if (!files) csv[k].open_for_release(*text);
    csv[k].read(std::move(*text), tables.table(kind), reporter, state.malformed[k], options);
    csv[k].release_text();
  }
  read_other_files(folder, files, tables, reporter);
  CsvLocator locator(csv);
  return validate_tables(folder, std::move(tables), locator, std::move(state), std::move(reporter), options.threads);
}

}  // namespace

}  // namespace detail

CheckResult check_dataset(const std::string& folder, const LoadOptions& options) {
  std::string path = folder;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return detail::read_csv_dataset(path, nullptr, options);
}

CheckResult check_dataset(const std::string& folder) { return check_dataset(folder, LoadOptions{}); }

CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files, const LoadOptions& options) {
  return detail::read_csv_dataset(origin, &files, options);
}

CheckResult check_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files) {
  return check_dataset_files(origin, files, LoadOptions{});
}

Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files, const LoadOptions& options) {
  CheckResult result = check_dataset_files(origin, files, options);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

Dataset load_dataset_files(const std::string& origin, const std::map<std::string, std::string>& files) {
  return load_dataset_files(origin, files, LoadOptions{});
}

Dataset load_dataset(const std::string& folder, const LoadOptions& options) {
  CheckResult result = check_dataset(folder, options);
  if (!result.dataset) throw DataError(std::move(result.diagnostics));
  return std::move(*result.dataset);
}

Dataset load_dataset(const std::string& folder) { return load_dataset(folder, LoadOptions{}); }

}  // namespace actorgraph
