// Writing files and folders: nothing lost, no false success, nothing left behind
// (io/output_file.hpp), and the dataset writer and reader built on it.
#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/io/dataset_writer.hpp"
#include "actorgraph/io/output_file.hpp"
#include "actorgraph/io/text_file.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace actorgraph;
using namespace actorgraph::test;
namespace fs = std::filesystem;

namespace {

// The names in a folder, sorted, hidden ones included: what a failure must not add to.
std::vector<std::string> entries(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

// A small tmpfs, for the disk-full cases; unmounted when the object goes. Mounting needs root and
// a kernel that allows it: mounted() says whether it worked.
class SmallDisk {
 public:
  explicit SmallDisk(const fs::path& at, const char* size) : path_(at) {
    fs::create_directories(path_);
    mounted_ = ::mount("tmpfs", path_.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  bool mounted() const { return mounted_; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool mounted_ = false;
};

const std::map<std::string, std::string> small_files{
    {"actors.csv", "id,label,kind\nb,B,state\na,A,state\n"},
    {"relations.csv", "id,source,target,type\nr1,a,b,visit\n"},
    {"influence.csv", "key,value\ndamping,0.85\n"},
    {"README.md", "# notes\n"}};

}  // namespace

TEST_CASE("write_file replaces a regular file whole, keeping its permissions", "[io][output]") {
  TempDataset t(std::map<std::string, std::string>{{"out.txt", "old"}});
  const fs::path target = fs::path(t.path()) / "out.txt";
  fs::permissions(target, fs::perms(0640));
  write_file(target.string(), "new content");
  CHECK(read_file(target.string()) == "new content");
  CHECK(mode_of(target) == 0640);
  CHECK(entries(t.path()) == std::vector<std::string>{"out.txt"});
}

TEST_CASE("write_file takes a file in pieces and writes nothing when the producer throws", "[io][output]") {
  TempDataset t(std::map<std::string, std::string>{{"out.txt", "old"}});
  const fs::path target = fs::path(t.path()) / "out.txt";
  write_file(target.string(), [](const WritePiece& write) {
    CHECK(write("one "));
    CHECK(write(""));
    CHECK(write("two"));
  });
  CHECK(read_file(target.string()) == "one two");
  CHECK_THROWS_MATCHES(write_file(target.string(),
                                  [](const WritePiece& write) {
                                    write("half");
                                    throw Error("the producer failed");
                                  }),
                       Error, Catch::Message("the producer failed"));
  CHECK(read_file(target.string()) == "one two");  // the old file stays, and no temporary is left
  CHECK(entries(t.path()) == std::vector<std::string>{"out.txt"});
}

TEST_CASE("write_file writes through a symlink, which stays a symlink", "[io][output]") {
  TempDataset t(std::map<std::string, std::string>{{"real.txt", "old"}});
  const fs::path link = fs::path(t.path()) / "link.txt";
  fs::create_symlink("real.txt", link);
  write_file(link.string(), "through");
  CHECK(fs::is_symlink(link));
  CHECK(read_file((fs::path(t.path()) / "real.txt").string()) == "through");
  CHECK(entries(t.path()) == std::vector<std::string>{"link.txt", "real.txt"});
}

TEST_CASE("write_file writes a FIFO and a device in place instead of replacing them", "[io][output]") {
  TempDataset t({});
  const fs::path fifo = fs::path(t.path()) / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_file(fifo.string()); });
  write_file(fifo.string(), "to the reader");
  reader.join();
  CHECK(received == "to the reader");
  CHECK(fs::is_fifo(fifo));

  // A device node made for the test (root only), and the system's /dev/null.
  const fs::path device = fs::path(t.path()) / "null";
  if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    write_file(device.string(), "gone");
    CHECK(fs::is_character_file(device));
  } else {
    WARN("mknod needs root: the test's own device node is skipped");
  }
  write_file("/dev/null", "gone");
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("A failed write says why and leaves nothing behind", "[io][output][errors]") {
  TempDataset t({});
  CHECK_THROWS_WITH(write_file(t.path() + "/no/such/folder/out.txt", "x"),
                    t.path() + "/no/such/folder/out.txt: cannot write: No such file or directory");
  CHECK_THROWS_WITH(write_file(t.path(), "x"), t.path() + ": cannot write: it is a folder");
  // /dev/full: every write fails with ENOSPC.
  CHECK_THROWS_WITH(write_file("/dev/full", "x"), "/dev/full: cannot write: No space left on device");
  CHECK(entries(t.path()).empty());
}

TEST_CASE("On a full disk write_file and write_dataset fail and keep the old files", "[io][output][errors]") {
  TempDataset t({});
  SmallDisk disk(fs::path(t.path()) / "disk", "64k");
  if (!disk.mounted()) {
    WARN("cannot mount a tmpfs here (needs root): the disk-full case is skipped");
    return;
  }
  const std::string big(200 * 1024, 'x');
  const fs::path file = disk.path() / "out.txt";
  write_file(file.string(), "old");
  CHECK_THROWS_WITH(write_file(file.string(), big), file.string() + ": cannot write: No space left on device");
  CHECK(read_file(file.string()) == "old");
  CHECK(entries(disk.path()) == std::vector<std::string>{"out.txt"});

  // A dataset whose relations do not fit: the folder on the disk keeps every old file.
  TempDataset source(small_files);
  write_dataset(load_dataset(source.path()), (disk.path() / "ds").string());
  const std::string before = read_file((disk.path() / "ds" / "actors.csv").string());
  std::string relations = "id,source,target,type,quote\n";
  for (int i = 0; i < 400; ++i) relations += "r" + std::to_string(i) + ",a,b,visit," + std::string(300, 'q') + "\n";
  TempDataset large({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nc,C,state\n"}, {"relations.csv", relations}});
  CHECK_THROWS_WITH(write_dataset(load_dataset(large.path()), (disk.path() / "ds").string()),
                    Catch::Contains("No space left on device"));
  CHECK(read_file((disk.path() / "ds" / "actors.csv").string()) == before);
  CHECK(entries(disk.path() / "ds") == std::vector<std::string>{"README.md", "actors.csv", "influence.csv", "relations.csv"});
  CHECK(entries(disk.path()) == std::vector<std::string>{"ds", "out.txt"});
}

TEST_CASE("A folder changes as a whole: uncommitted work leaves nothing, commit swaps", "[io][output]") {
  TempDataset t({});
  const fs::path target = fs::path(t.path()) / "out";
  {
    FolderWriter out(target.string());
    out.add_file("a.txt", "a");
  }  // not committed
  CHECK(entries(t.path()).empty());

  fs::create_directories(target / "sub");
  std::ofstream(target / "old.txt") << "old";
  std::ofstream(target / ".hidden") << "h";
  std::ofstream(target / "sub" / "x") << "x";
  fs::permissions(target, fs::perms(0750));
  FolderWriter out(target.string());
  out.add_file("a.txt", "a");
  CHECK(read_file((target / "old.txt").string()) == "old");  // nothing visible before commit
  out.carry_over([](std::string_view name) { return name != "old.txt"; });
  out.commit();
  CHECK(entries(target) == std::vector<std::string>{".hidden", "a.txt", "sub"});
  CHECK(read_file((target / "sub" / "x").string()) == "x");
  CHECK(mode_of(target) == 0750);
  CHECK(entries(t.path()) == std::vector<std::string>{"out"});
}

TEST_CASE("A folder that holds a FIFO is not rewritten, and says why", "[io][output][errors]") {
  TempDataset t(small_files);
  REQUIRE(::mkfifo((fs::path(t.path()) / "pipe").c_str(), 0600) == 0);
  const Dataset d = load_dataset(t.path());
  CHECK(d.other_entries() == std::vector<std::string>{"pipe"});
  CHECK_THROWS_WITH(write_dataset(d, t.path()),
                    t.path() + "/pipe: cannot carry it into the rewritten folder: it is a FIFO, device or socket; move it out first");
  // No temporary folder left beside it (other tests write beside it too: look for ours only).
  const std::string temporary_prefix = "." + fs::path(t.path()).filename().string() + ".tmp-";
  for (const auto& name : entries(fs::path(t.path()).parent_path())) CHECK(name.rfind(temporary_prefix, 0) != 0);
  CHECK(read_file(t.path() + "/actors.csv") == small_files.at("actors.csv"));
}

TEST_CASE("Every file of a dataset folder survives writing it elsewhere and in place", "[io][output][dataset]") {
  TempDataset t(small_files);
  const Dataset d = load_dataset(t.path());
  REQUIRE(d.other_files().size() == 2);
  CHECK(d.other_files()[0].name == "README.md");
  CHECK(d.other_files()[1].name == "influence.csv");
  TempDataset out({});
  write_dataset(d, out.path() + "/copy");
  CHECK(entries(out.path() + "/copy") == std::vector<std::string>{"README.md", "actors.csv", "influence.csv", "relations.csv"});
  CHECK(read_file(out.path() + "/copy/influence.csv") == small_files.at("influence.csv"));

  write_dataset(d, t.path());  // in place: canonical order, the rest untouched
  CHECK(read_file(t.path() + "/actors.csv") == "id,label,kind\na,A,state\nb,B,state\n");
  CHECK(read_file(t.path() + "/README.md") == "# notes\n");
}

TEST_CASE("A signal during a folder write removes the temporary folder", "[io][output]") {
  TempDataset t({});
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGTERM, SIG_DFL);  // the test framework's own handler would report a failure
    FolderWriter out(t.path() + "/out");
    out.add_file("a.txt", "a");
    std::raise(SIGTERM);
    ::_exit(0);  // not reached
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(entries(t.path()).empty());
}

TEST_CASE("Sizes are read as the environment variables write them, and shown rounded or exact", "[io][input]") {
  CHECK(parse_byte_size("100") == 100u);
  CHECK(parse_byte_size("16G") == std::uint64_t{16} << 30);
  CHECK(parse_byte_size("512k") == std::uint64_t{512} << 10);
  CHECK(parse_byte_size("3M") == std::uint64_t{3} << 20);
  for (const char* bad : {"", "0", "0G", "G", "-1", "1.5G", "1T", "1 G", "10GB", "9999999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_byte_size(bad));
  }
  CHECK_FALSE(parse_byte_size("8589934593G"));  // over 2^63 bytes
  CHECK(parse_byte_size("8589934592G") == std::uint64_t{1} << 63);
  CHECK(describe_size(0) == "0 bytes");
  CHECK(describe_size(1) == "1 byte");
  CHECK(describe_size(1023) == "1023 bytes");
  CHECK(describe_size(1024) == "1.0 KiB");
  CHECK(describe_size(17300) == "16.9 KiB");
  CHECK(describe_size(std::uint64_t{3} << 20) == "3.0 MiB");
  CHECK(describe_size(1'662'500'000) == "1.5 GiB");
  CHECK(describe_size((std::uint64_t{1} << 30) - 1) == "1.0 GiB");  // not "1024.0 MiB"
  CHECK(describe_size((std::uint64_t{1} << 20) - 51) == "1.0 MiB");
  CHECK(describe_size((std::uint64_t{1} << 20) - 52) == "1023.9 KiB");
}

TEST_CASE("Readers refuse a folder named like a file", "[io][input][errors]") {
  TempDataset t({});
  fs::create_directory(t.path() + "/actors.csv");
  std::string why;
  CHECK_FALSE(try_read_file(t.path() + "/actors.csv", why));
  CHECK(why == "is a folder, not a file");
  CHECK(describe_bytes(std::uint64_t{4} << 30) == "4 GiB");
  CHECK(describe_bytes(1536) == "1536 bytes");
  CHECK(describe_bytes(1) == "1 byte");
  const auto result = check_dataset(t.path());
  CHECK(result.diagnostics.front().str() == t.path() + "/actors.csv: error: cannot read the file: is a folder, not a file");
}
