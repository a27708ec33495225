// actorgraph: the command-line tool over the actorgraph library. Exit codes: docs/CLI.md.
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/model/text.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>

#include <unistd.h>

using namespace actorgraph;
using namespace actorgraph::cli;

namespace {

// Standard output through a buffer of our own, which remembers the first failed write and why: a
// full disk or a closed pipe must fail the command, not pass for success (`actorgraph stats >
// /dev/full`). Writes go to file descriptor 1 with write(2), every one checked.
class CheckedOutput : public std::streambuf {
 public:
  CheckedOutput() : line_buffered_(::isatty(1) == 1) { setp(buffer_, buffer_ + sizeof buffer_); }
  ~CheckedOutput() override { sync(); }
  int error() const noexcept { return error_; }
  bool failed() const noexcept { return failed_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  // On a terminal each line shows when it is complete, as with stdio.
  std::streamsize xsputn(const char* text, std::streamsize n) override {
    const std::streamsize written = std::streambuf::xsputn(text, n);
    if (line_buffered_ && std::char_traits<char>::find(text, static_cast<std::size_t>(n), '\n') != nullptr) sync();
    return written;
  }
  int sync() override {
    const char* at = pbase();
    while (at < pptr() && !failed_) {
      const ssize_t n = ::write(1, at, static_cast<std::size_t>(pptr() - at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        failed_ = true;
        error_ = errno;
        break;
      }
      at += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);  // after a failure the rest is dropped, once
    return failed_ ? -1 : 0;
  }

 private:
  char buffer_[1 << 16];
  bool line_buffered_;
  bool failed_ = false;
  int error_ = 0;
};

// Flushes standard output and closes it, both checked. Returns the exit code to use.
int finish_standard_output(CheckedOutput& out, int code) {
  std::cout.flush();
  int error = out.error();
  bool failed = out.failed() || !std::cout;
  if (!failed && ::close(1) != 0 && errno != EBADF) {
    failed = true;
    error = errno;
  }
  if (!failed) return code;
  std::cerr << "actorgraph: error: cannot write standard output" << (error ? ": " + std::string(std::strerror(error)) : "")
            << "\n";
  return code == exit_ok ? exit_data : code;
}

int run(int argc, char** argv) {
  CLI::App app{"actorgraph: graph analysis of political actors and their relationships.\n"
               "Run 'actorgraph COMMAND --help' for a command's options; docs/CLI.md has them all."};
  app.set_version_flag("--version", std::string("actorgraph ") + ACTORGRAPH_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  add_check_command(app);
  add_stats_command(app);
  add_actors_command(app);
  add_relations_command(app);
  add_centrality_command(app);
  add_path_commands(app);
  add_components_command(app);
  add_diff_command(app);
  add_influence_command(app);
  add_report_command(app, std::vector<std::string>(argv + 1, argv + argc));
  add_render_command(app);
  add_convert_command(app);
  add_types_command(app);
  add_format_command(app);
  add_import_command(app);

  // CLI11 reports an unknown command as a missing one; name it, with a suggestion.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string_view> names;
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) {
      names.push_back(sub->get_name());
      known = known || sub->get_name() == argv[1];
    }
    if (!known) {
      const std::string hint = did_you_mean(argv[1], names);
      std::cerr << "actorgraph: error: unknown command '" << argv[1] << "'"
                << (hint.empty() ? "" : " (did you mean " + hint + "?)") << "\nRun with --help for the list of commands.\n";
      return exit_usage;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the error
    return code == 0 ? exit_ok : exit_usage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const DataError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.str() << '\n';
    const std::size_t errors = count_errors(e.diagnostics());
    std::cerr << "actorgraph: error: the dataset has " << errors << (errors == 1 ? " error" : " errors")
              << "; nothing was computed\n";
    return exit_data;
  } catch (const UsageError& e) {
    std::cerr << "actorgraph: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const Error& e) {
    std::cerr << "actorgraph: error: " << e.what() << '\n';
    return exit_data;
  } catch (const std::exception& e) {
    std::cerr << "actorgraph: internal error: " << e.what() << " (please report this)\n";
    return exit_internal;
  }
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CheckedOutput out;
  std::cout.rdbuf(&out);
  const int code = run(argc, argv);
  const int final_code = finish_standard_output(out, code);
  std::cout.rdbuf(nullptr);  // `out` goes before std::cout does
  return final_code;
}
