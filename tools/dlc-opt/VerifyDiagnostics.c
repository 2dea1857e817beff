/* VerifyDiagnostics.c: --verify-diagnostics, as MLIR 22's SourceMgrDiagnosticVerifierHandler
 * does it. A comment
 *   // expected-error @+1 {{message}}      (also -warning, -note, -remark)
 * expects a diagnostic of that severity on a line: its own, @+N / @-N lines away, @above
 * (the last line that is not an expectation), @below (the next such line) or @unknown (a
 * location with no file position). The message must be contained in the diagnostic's;
 * with `expected-error-re`, each {{regex}} inside it is a POSIX extended regex and the
 * rest literal. Every diagnostic and note must match an expectation and every expectation
 * must be matched; mismatches are reported as errors at the diagnostic or the comment.
 * A Verifier borrows the chunk's text (messages point into it) and owns its compiled
 * regexes and the expectation array. */
#include "DlcOpt.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

typedef struct Expectation {
  MlirDiagnosticSeverity severity;
  unsigned line;                    /* line the diagnostic is expected on */
  unsigned commentLine, commentCol; /* where "expected-..." is, for reports */
  const char *text;                 /* the expected message, inside the chunk */
  size_t len;
  bool unknownLoc, matched, isRegex;
  regex_t regex;
} Expectation;

struct Verifier {
  const Source *src;
  Expectation *items;
  size_t count;
  bool failed;
};

/* The designator grammar of MLIR's verifier; the message runs to the last "}}" of the
 * (right-trimmed) line. */
static const char designatorPattern[] =
    "expected-(error|note|remark|warning)(-re)? *(@([+-][0-9]+|above|below|unknown))? "
    "*\\{\\{(.*)\\}\\}$";

static bool contains(const char *s, size_t n, const char *needle, size_t k) {
  for (size_t i = 0; i + k <= n; ++i)
    if (!memcmp(s + i, needle, k))
      return true;
  return false;
}

static void reportAt(Verifier *v, unsigned line, unsigned col, unsigned rangeLen,
                     const char *message) {
  FilePos pos = {dlcStr(v->src->name), line, col};
  printAt(v->src, pos, rangeLen, MlirDiagnosticError, dlcStr(message), true);
  v->failed = true;
}

/* Turns the message of an `-re` expectation into one regex: {{...}} parts as groups, the
 * rest escaped. On error reports at the comment and returns false. */
static bool compileRegex(Verifier *v, Expectation *e) {
  Buf re = {0};
  const char *p = e->text, *end = e->text + e->len;
  bool ok = true;
  while (ok && p < end) {
    const char *open = p;
    while (open + 1 < end && !(open[0] == '{' && open[1] == '{'))
      ++open;
    if (open + 1 >= end)
      open = end;
    for (; p < open; ++p) {
      if (strchr(".[\\()*+?{|^$", *p))
        bufAppend(&re, "\\", 1);
      bufAppend(&re, p, 1);
    }
    if (p == end)
      break;
    const char *close = p + 2;
    while (close + 1 < end && !(close[0] == '}' && close[1] == '}'))
      ++close;
    if (close + 1 >= end) {
      reportAt(v, e->commentLine, e->commentCol, (unsigned)e->len,
               "found start of regex with no end '}}'");
      ok = false;
      break;
    }
    bufAppend(&re, "(", 1);
    bufAppend(&re, p + 2, (size_t)(close - p - 2));
    bufAppend(&re, ")", 1);
    p = close + 2;
  }
  bufAppend(&re, "", 0);
  int rc = ok ? regcomp(&e->regex, re.data, REG_EXTENDED | REG_NOSUB) : 0;
  if (ok && rc) {
    char why[256];
    regerror(rc, &e->regex, why, sizeof why);
    Buf msg = {0};
    bufPrintf(&msg, "invalid regex: %s", why);
    reportAt(v, e->commentLine, e->commentCol, (unsigned)e->len, msg.data);
    bufFree(&msg);
    ok = false;
  }
  bufFree(&re);
  return ok;
}

static MlirDiagnosticSeverity severityFromName(const char *s) {
  switch (s[0]) {
  case 'w':
    return MlirDiagnosticWarning;
  case 'n':
    return MlirDiagnosticNote;
  case 'r':
    return MlirDiagnosticRemark;
  default:
    return MlirDiagnosticError;
  }
}

/* Parses a designator line (already matched by `designator`) into an expectation at index
 * v->count; returns false if it was dropped for a bad regex. */
static bool parseExpectation(Verifier *v, const char *line, const regmatch_t *m, unsigned lineNo,
                             unsigned numLines, unsigned lastPlainLine, bool *below) {
  Expectation *e = &v->items[v->count];
  *e = (Expectation){.severity = severityFromName(line + m[1].rm_so),
                     .line = lineNo,
                     .commentLine = lineNo,
                     .commentCol = (unsigned)m[0].rm_so + 1,
                     .text = line + m[5].rm_so,
                     .len = (size_t)(m[5].rm_eo - m[5].rm_so),
                     .isRegex = m[2].rm_so >= 0};
  *below = false;
  if (m[4].rm_so >= 0) {
    const char *d = line + m[4].rm_so;
    if (d[0] == '+' || d[0] == '-') {
      unsigned offset = (unsigned)strtoul(d + 1, NULL, 10);
      e->line = d[0] == '+' ? lineNo + offset : lineNo - offset;
    } else if (!strncmp(d, "above", 5)) {
      e->line = lastPlainLine;
    } else if (!strncmp(d, "below", 5)) {
      *below = true;
      e->line = numLines; /* where MLIR leaves a dangling @below */
    } else {
      e->unknownLoc = true;
    }
  }
  return !e->isRegex || compileRegex(v, e);
}

Verifier *verifierCreate(const Source *chunk) {
  Verifier *v = xrealloc(NULL, sizeof *v);
  *v = (Verifier){.src = chunk};
  regex_t designator;
  regcomp(&designator, designatorPattern, REG_EXTENDED);
  const char *text = chunk->text, *end = text + chunk->len;
  unsigned numLines = 1;
  for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))); ++p)
    ++numLines;
  /* Lines are copied out to be NUL-terminated for regexec; the copies' expectation texts
   * are re-pointed into the chunk below, so nothing outlives `line`. */
  Buf line = {0};
  size_t *pendingBelow = NULL, numPending = 0;
  unsigned lastPlainLine = 1, lineNo = 1;
  for (const char *p = text; p <= end; ++lineNo) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    const char *trimmed = stop;
    while (trimmed > p && strchr(" \t\r\v\f", trimmed[-1]))
      --trimmed;
    regmatch_t m[6];
    bool isDesignator = false;
    if (contains(p, (size_t)(trimmed - p), "expected-", 9)) {
      line.len = 0;
      bufAppend(&line, p, (size_t)(trimmed - p));
      isDesignator = !regexec(&designator, line.data, 6, m, 0);
    }
    if (!isDesignator) {
      for (size_t i = 0; i < numPending; ++i)
        v->items[pendingBelow[i]].line = lineNo;
      numPending = 0;
      lastPlainLine = lineNo;
    } else {
      v->items = xrealloc(v->items, sizeof(Expectation) * (v->count + 1));
      bool below;
      if (parseExpectation(v, line.data, m, lineNo, numLines, lastPlainLine, &below)) {
        Expectation *e = &v->items[v->count];
        e->text = p + (e->text - line.data);
        if (below) {
          pendingBelow = xrealloc(pendingBelow, sizeof(size_t) * (numPending + 1));
          pendingBelow[numPending++] = v->count;
        }
        ++v->count;
      }
    }
    if (!nl)
      break;
    p = nl + 1;
  }
  free(pendingBelow);
  bufFree(&line);
  regfree(&designator);
  return v;
}

static bool matches(const Expectation *e, const char *message) {
  if (e->isRegex)
    return !regexec(&e->regex, message, 0, NULL, 0);
  return contains(message, strlen(message), e->text, e->len);
}

/* One diagnostic or note against the expectations, as MLIR's verifier does it: an
 * expectation with the right line and message but another severity is a near miss. */
static void process(Verifier *v, MlirLocation loc, MlirDiagnosticSeverity severity,
                    const char *message) {
  FilePos pos;
  bool hasFile = findFilePos(loc, &pos);
  bool inChunk = hasFile && pos.file.length == strlen(v->src->name) &&
                 !memcmp(pos.file.data, v->src->name, pos.file.length);
  Expectation *nearMiss = NULL;
  for (size_t i = 0; i < v->count; ++i) {
    Expectation *e = &v->items[i];
    bool where = hasFile ? inChunk && !e->unknownLoc && e->line == pos.line : e->unknownLoc;
    if (!where || !matches(e, message))
      continue;
    if (e->severity == severity) {
      e->matched = true;
      return;
    }
    nearMiss = e;
  }
  Buf report = {0};
  if (nearMiss) {
    bufPrintf(&report, "'%s' diagnostic emitted when expecting a '%s'", severityName(severity),
              severityName(nearMiss->severity));
    reportAt(v, nearMiss->commentLine, nearMiss->commentCol, 1, report.data);
  } else {
    bufPrintf(&report, "unexpected %s: %s", severityName(severity), message);
    printAtLocation(v->src, loc, MlirDiagnosticError, mlirStringRefCreate(report.data, report.len),
                    true);
    v->failed = true;
  }
  bufFree(&report);
}

/* mlir-opt turns off the "see current operation" notes while verifying diagnostics; the C
 * API cannot, so they are recognized and skipped here. */
static bool isCurrentOperationNote(const char *message) {
  static const char prefix[] = "see current operation: ";
  return !strncmp(message, prefix, sizeof prefix - 1);
}

void verifierProcess(MlirDiagnostic d, void *verifier) {
  Verifier *v = verifier;
  Buf message = {0};
  diagnosticMessage(d, &message);
  process(v, mlirDiagnosticGetLocation(d), mlirDiagnosticGetSeverity(d), message.data);
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(d); i < n; ++i) {
    MlirDiagnostic note = mlirDiagnosticGetNote(d, i);
    message.len = 0;
    diagnosticMessage(note, &message);
    if (!isCurrentOperationNote(message.data))
      process(v, mlirDiagnosticGetLocation(note), mlirDiagnosticGetSeverity(note), message.data);
  }
  bufFree(&message);
}

bool verifierFinish(Verifier *v, Buf *unmatched) {
  for (size_t i = 0; i < v->count; ++i) {
    Expectation *e = &v->items[i];
    if (!e->matched) {
      Buf report = {0};
      bufPrintf(&report, "expected %s \"%.*s\" was not produced", severityName(e->severity),
                (int)e->len, e->text);
      FilePos pos = {dlcStr(v->src->name), e->commentLine, e->commentCol};
      formatAt(unmatched, v->src, pos, (unsigned)e->len, MlirDiagnosticError,
               mlirStringRefCreate(report.data, report.len), true);
      bufFree(&report);
      v->failed = true;
    }
    if (e->isRegex)
      regfree(&e->regex);
  }
  bool ok = !v->failed;
  free(v->items);
  free(v);
  return ok;
}
