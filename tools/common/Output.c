/* Output.c: where the printed IR goes, and how it is printed. A regular output file is
 * written as a temporary file in the same directory and renamed over the target only when
 * the whole run succeeded, so a failed run leaves no partial file and an existing file
 * untouched; stdout and devices (/dev/null, pipes) are written in place, as they cannot be
 * renamed over. A run ended by a signal (Ctrl-C, kill, an abort in LLVM) removes the
 * temporary file too. An Output owns its path copies and FILE until commit or discard. */
#include "ToolSupport.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for the signal handler (one Output per process), and
 * the handlers it displaced. */
static const char *volatile pendingTmpPath;
static const int cleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT};
enum { NumCleanupSignals = sizeof cleanupSignals / sizeof cleanupSignals[0] };
static void (*displaced[NumCleanupSignals])(int);

static void removeTmpAndDie(int sig) {
  if (pendingTmpPath)
    unlink(pendingTmpPath);
  signal(sig, SIG_DFL);
  raise(sig);
}

static void watchTmp(const char *tmpPath) {
  pendingTmpPath = tmpPath;
  for (int i = 0; i < NumCleanupSignals; ++i) {
    displaced[i] = signal(cleanupSignals[i], removeTmpAndDie);
    if (displaced[i] == SIG_IGN) /* e.g. nohup: stay immune */
      signal(cleanupSignals[i], SIG_IGN);
  }
}

static void unwatchTmp(void) {
  for (int i = 0; i < NumCleanupSignals; ++i)
    signal(cleanupSignals[i], displaced[i]);
  pendingTmpPath = NULL;
}

static bool fail(Output *out, const char *what, int err) {
  fprintf(stderr, "%s: cannot %s output file '%s': %s\n", dlcToolName, what, out->name,
          strerror(err));
  free(out->path);
  free(out->tmpPath);
  *out = (Output){0};
  return false;
}

bool outputOpen(Output *out, const char *path) {
  *out = (Output){.name = path};
  if (!strcmp(path, "-")) {
    out->file = stdout;
    return true;
  }
  struct stat st;
  bool exists = !stat(path, &st);
  out->path = strdup(path);
  if (exists && !S_ISREG(st.st_mode)) {
    out->file = fopen(path, "wb");
    return out->file || fail(out, "open", errno);
  }
  /* Refuse what opening the file for writing would refuse, though a rename would not. */
  if (exists && access(path, W_OK))
    return fail(out, "open", errno);
  /* Through a symlink, replace the file it names, not the link. */
  char *target = exists ? realpath(path, NULL) : NULL;
  if (target) {
    free(out->path);
    out->path = target;
  }
  static const char suffix[] = ".tmp-XXXXXX";
  out->tmpPath = xrealloc(NULL, strlen(out->path) + sizeof suffix);
  strcpy(out->tmpPath, out->path);
  strcat(out->tmpPath, suffix);
  watchTmp(out->tmpPath);
  int fd = mkstemp(out->tmpPath);
  if (fd < 0) {
    unwatchTmp();
    free(out->tmpPath);
    out->tmpPath = NULL;
    return fail(out, "open", errno);
  }
  /* mkstemp creates 0600; give the file the mode it has or a new file would get. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
  out->file = fdopen(fd, "wb");
  if (!out->file) {
    int err = errno;
    close(fd);
    remove(out->tmpPath);
    unwatchTmp();
    return fail(out, "open", err);
  }
  return true;
}

void outputCallback(MlirStringRef s, void *out) {
  fwrite(s.data, 1, s.length, ((Output *)out)->file);
}

bool outputCommit(Output *out) {
  errno = 0;
  bool ok = !fflush(out->file) && !ferror(out->file);
  int err = ok ? 0 : errno ? errno : EIO;
  if (out->file != stdout && fclose(out->file) && ok) {
    ok = false;
    err = errno;
  }
  out->file = NULL;
  if (ok && out->tmpPath && rename(out->tmpPath, out->path)) {
    ok = false;
    err = errno;
  }
  if (out->tmpPath) {
    if (!ok)
      remove(out->tmpPath);
    unwatchTmp();
  }
  if (!ok)
    return fail(out, "write", err);
  free(out->path);
  free(out->tmpPath);
  *out = (Output){0};
  return true;
}

void outputDiscard(Output *out) {
  if (out->file == stdout)
    fflush(stdout);
  else if (out->file)
    fclose(out->file);
  if (out->tmpPath) {
    remove(out->tmpPath);
    unwatchTmp();
  }
  free(out->path);
  free(out->tmpPath);
  *out = (Output){0};
}
