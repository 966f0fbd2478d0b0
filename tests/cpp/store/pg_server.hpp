#pragma once
// A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, as an
// unprivileged user (PostgreSQL refuses to run as root: when the tests run as root the server
// runs as `nobody`, the folder chowned to it), listening on a free 127.0.0.1 port and on a unix
// socket in the folder, stopped (and the folder removed) when the test process ends.
//
//   vaekit::test::PgServer* pg = vaekit::test::PgServer::shared();
//   if (!pg) { WARN(vaekit::test::PgServer::skip_reason()); return; }
//   const std::string url = pg->create_database("t1");  // postgresql://vaekit@/t1?host=...
//
// The binaries are looked for in $VAEKIT_PG_BIN, then /usr/lib/postgresql/<newest>/bin, then
// PATH; when absent, shared() returns nullptr and skip_reason() says how to install them
// (`apt-get install postgresql`). Only the process that started the server stops it (children
// forked by a test that exit normally leave it running).
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vaekit::test {

class PgServer {
 public:
  /// The server of this test process, started on first use; nullptr when PostgreSQL's server
  /// binaries are not installed or the server cannot start (skip_reason() says why).
  static PgServer* shared() {
    static std::unique_ptr<PgServer> server = [] {
      std::unique_ptr<PgServer> s(new PgServer());
      if (!s->start_new()) s.reset();
      return s;
    }();
    return server.get();
  }

  /// Why shared() gave nullptr (a message for WARN/skip).
  static std::string& skip_reason() {
    static std::string reason;
    return reason;
  }

  /// The folder holding the cluster (data/), the log (server.log) and the unix socket.
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  /// The TCP port (127.0.0.1) and number of the unix socket.
  [[nodiscard]] int port() const { return port_; }
  /// The superuser role (trust authentication on the socket and on 127.0.0.1).
  [[nodiscard]] static std::string user() { return "vaekit"; }
  /// The server binaries' folder.
  [[nodiscard]] const std::filesystem::path& bin() const { return bin_; }

  /// A URL of database @p db over the unix socket, as role @p role.
  [[nodiscard]] std::string url(const std::string& db, const std::string& role = user()) const {
    return "postgresql://" + role + "@/" + db + "?host=" + dir_.string() +
           "&port=" + std::to_string(port_);
  }
  /// A URL of database @p db over TCP (127.0.0.1), as @p role with @p password (may be empty).
  [[nodiscard]] std::string tcp_url(const std::string& db, const std::string& role = user(),
                                    const std::string& password = {}) const {
    return "postgresql://" + role + (password.empty() ? "" : ":" + password) +
           "@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  /// Creates the (dropped first if present) database @p name and returns its URL.
  std::string create_database(const std::string& name) {
    psql("postgres", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    psql("postgres", "CREATE DATABASE \"" + name + "\"");
    return url(name);
  }

  /// Runs @p sql with psql in database @p db as the superuser; throws std::runtime_error when
  /// psql fails. Returns psql's output (unaligned, tuples only).
  std::string psql(const std::string& db, const std::string& sql) {
    const auto out = dir_ / "psql.out";
    const int rc =
        run({(bin_ / "psql").string(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
             dir_.string(), "-p", std::to_string(port_), "-U", user(), "-d", db, "-c", sql},
            false, out);
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (rc != 0) throw std::runtime_error("psql failed (" + std::to_string(rc) + "): " + text);
    return text;
  }

  /// Stops the server (pg_ctl stop -m @p mode: "fast" or "immediate", a crash).
  void stop(const std::string& mode = "fast") {
    if (!running_) return;
    run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", mode, "-w", "stop"},
        true, dir_ / "pg_ctl.out");
    running_ = false;
  }
  /// Starts the stopped server again (same folder, same port); returns whether it started.
  bool start() {
    if (running_) return true;
    const std::string opts = "-p " + std::to_string(port_) + " -k " + dir_.string() +
                             " -c listen_addresses=127.0.0.1 -c fsync=off"
                             " -c synchronous_commit=off -c full_page_writes=off"
                             " -c max_connections=60";
    const int rc = run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-l",
                        (dir_ / "server.log").string(), "-o", opts, "-w", "-t", "60", "start"},
                       true, dir_ / "pg_ctl.out");
    running_ = rc == 0;
    return running_;
  }
  /// Stops and starts the server (clients lose their connections).
  bool restart(const std::string& mode = "fast") {
    stop(mode);
    return start();
  }

  ~PgServer() {
    if (::getpid() != owner_) return;  // a forked child: the parent's server
    stop("immediate");
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

 private:
  PgServer() = default;

  static std::optional<std::filesystem::path> find_bin() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("VAEKIT_PG_BIN"); env && *env) {
      if (fs::exists(fs::path(env) / "initdb")) return fs::path(env);
    }
    std::optional<fs::path> best;
    std::error_code ec;
    if (fs::is_directory("/usr/lib/postgresql", ec)) {
      int best_v = -1;
      for (const auto& d : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const auto b = d.path() / "bin";
        int v = std::atoi(d.path().filename().c_str());
        if (fs::exists(b / "initdb") && fs::exists(b / "pg_ctl") && v > best_v) {
          best_v = v;
          best = b;
        }
      }
    }
    if (best) return best;
    if (const char* path = std::getenv("PATH")) {
      std::string p = path;
      std::size_t start = 0;
      while (start <= p.size()) {
        const std::size_t end = p.find(':', start);
        const fs::path b = p.substr(start, end == std::string::npos ? end : end - start);
        if (fs::exists(b / "initdb") && fs::exists(b / "pg_ctl")) return b;
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    return std::nullopt;
  }

  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      port = ntohs(a.sin_port);
    }
    ::close(fd);
    return port;
  }

  // Runs @p argv (as nobody when @p drop and we are root), output to @p out; the exit status.
  int run(const std::vector<std::string>& argv, bool drop, const std::filesystem::path& out) {
    const pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
      const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::close(fd);
      }
      if (drop && ::getuid() == 0) {
        if (::setgid(uid_) != 0 || ::setuid(uid_) != 0) _exit(126);
      }
      ::setenv("LC_ALL", "C", 1);
      ::unsetenv("PGPASSWORD");
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      _exit(127);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  bool start_new() {
    namespace fs = std::filesystem;
    const auto bin = find_bin();
    if (!bin) {
      skip_reason() =
          "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: the PostgreSQL half "
          "of the store tests is skipped (install them with `apt-get install postgresql`, or "
          "point VAEKIT_PG_BIN at their folder)";
      return false;
    }
    bin_ = *bin;
    owner_ = ::getpid();
    std::string templ = (fs::temp_directory_path() / "vaekit-pg-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
      skip_reason() = "cannot create a temporary folder for PostgreSQL";
      return false;
    }
    dir_ = templ;
    if (::getuid() == 0) {
      if (::chown(dir_.c_str(), uid_, uid_) != 0) {
        skip_reason() = "cannot chown the PostgreSQL folder to nobody";
        return false;
      }
    }
    ::chmod(dir_.c_str(), 0755);  // the socket and psql.out are reached by the test process
    port_ = free_port();
    if (port_ == 0) port_ = 40000 + static_cast<int>(::getpid() % 20000);
    const int rc = run({(bin_ / "initdb").string(), "-D", (dir_ / "data").string(), "-U", user(),
                        "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"},
                       true, dir_ / "initdb.out");
    if (rc != 0) {
      skip_reason() = "initdb failed (see " + (dir_ / "initdb.out").string() + ")";
      return false;
    }
    // A role that must give its password (scram) on TCP: the tests of password redaction.
    {
      std::ofstream hba(dir_ / "data" / "pg_hba.conf", std::ios::trunc);
      hba << "local all all trust\n"
             "host all vaekit 127.0.0.1/32 trust\n"
             "host all all 127.0.0.1/32 scram-sha-256\n";
    }
    if (!start()) {
      skip_reason() = "pg_ctl start failed (see " + (dir_ / "server.log").string() + ")";
      return false;
    }
    return true;
  }

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  int port_ = 0;
  bool running_ = false;
  pid_t owner_ = 0;
  unsigned uid_ = 65534;  // nobody
};

}  // namespace vaekit::test
