/* Pipeline.c: parses MLIR's textual pass-pipeline syntax and fills an op pass manager.
 * MLIR's C API cannot register an external pass under a name in MLIR's own registry, so
 * dlc parses the syntax itself:
 *   pipeline := element (',' element)*
 *   element  := op-name '(' pipeline? ')'      nest a pass manager on op-name
 *             | pass-name ('{' options '}')?   a dlc pass, else an upstream one
 * dlc passes come from dlc's registry; any other pass element is handed, with its
 * options, to mlirOpPassManagerAddPipeline so MLIR parses and reports it. */
#include "Support/Alloc.h"
#include "Transforms/PassRegistry.h"
#include "dlc/Dialects.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Parser {
  const char *text;
  size_t length, pos;
  MlirStringCallback errorCallback;
  void *userData;
  bool failed;
} Parser;

static void parserError(Parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Errors point into the pipeline text like MLIR's own parser does: "pipeline:1:COL". */
static void parserError(Parser *p, size_t at, const char *fmt, ...) {
  if (p->failed)
    return;
  p->failed = true;
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "pipeline:1:%zu: error: ", at + 1);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
  va_end(ap);
  p->errorCallback(mlirStringRefCreateFromCString(buf), p->userData);
}

/* Collects a message from dlc's registry or MLIR's parser, which may arrive in pieces (MLIR
 * streams its diagnostic), so that it is reported once, on one line, at its position. */
typedef struct Forward {
  Parser *parser;
  size_t at;
  size_t used;
  char text[1024];
} Forward;

static void forwardError(MlirStringRef message, void *userData) {
  Forward *f = userData;
  for (size_t i = 0; i < message.length && f->used + 1 < sizeof f->text; ++i) {
    char c = message.data[i];
    f->text[f->used++] = c == '\n' ? ' ' : c;
  }
  f->text[f->used] = '\0';
}

/* Reports what was collected, after `context` when given. */
static void flushForward(Forward *f, const char *context) {
  if (f->used == 0)
    return;
  parserError(f->parser, f->at, "%s%s", context ? context : "", f->text);
  f->used = 0;
}

static void skipSpaces(Parser *p) {
  while (p->pos < p->length && strchr(" \t\n\r", p->text[p->pos]))
    ++p->pos;
}

static bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.';
}

static MlirStringRef parseName(Parser *p) {
  skipSpaces(p);
  size_t start = p->pos;
  while (p->pos < p->length && isNameChar(p->text[p->pos]))
    ++p->pos;
  if (p->pos == start && p->pos < p->length)
    parserError(p, start, "expected a pass or op name, found '%c'", p->text[p->pos]);
  else if (p->pos == start)
    parserError(p, start, "expected a pass or op name at the end of the pipeline");
  return mlirStringRefCreate(p->text + start, p->pos - start);
}

/* The text between a '{' at p->pos and its matching '}', braces nested. */
static MlirStringRef parseBraced(Parser *p) {
  size_t open = p->pos++;
  int depth = 1;
  while (p->pos < p->length && depth > 0) {
    char c = p->text[p->pos++];
    depth += c == '{';
    depth -= c == '}';
  }
  if (depth > 0) {
    parserError(p, open, "unbalanced '{' in pass options");
    return mlirStringRefCreate(p->text + open + 1, 0);
  }
  return mlirStringRefCreate(p->text + open + 1, p->pos - open - 2);
}

static void parsePipeline(Parser *p, MlirOpPassManager pm, int depth);

typedef struct Text {
  char *data;
  size_t length, capacity;
} Text;

static void append(Text *t, const char *s, size_t n) {
  if (t->length + n + 1 > t->capacity) {
    t->capacity = 2 * (t->length + n + 1);
    t->data = dlcRealloc(t->data, t->capacity);
  }
  memcpy(t->data + t->length, s, n);
  t->length += n;
  t->data[t->length] = '\0';
}

/* `named`'s text with `${option}` replaced by the option's value (a reference to no option
 * stays, so that parsing it fails); the caller frees the text. */
static char *substituteOptions(const DlcNamedPipeline *named, const DlcPassOptionValue *values) {
  Text t = {0};
  append(&t, "", 0);
  for (const char *s = named->pipeline; *s;) {
    const char *ref = strstr(s, "${");
    const char *close = ref ? strchr(ref, '}') : NULL;
    if (!close) {
      append(&t, s, strlen(s));
      break;
    }
    append(&t, s, (size_t)(ref - s));
    size_t nameLen = (size_t)(close - ref - 2);
    bool found = false;
    for (intptr_t i = 0; i < named->numOptions && !found; ++i) {
      const DlcPassOptionInfo *opt = &named->options[i];
      if (strlen(opt->name) != nameLen || strncmp(opt->name, ref + 2, nameLen))
        continue;
      char number[32];
      const char *value = opt->kind == DlcPassOptionString ? values[i].s
                          : opt->kind == DlcPassOptionBool ? (values[i].b ? "true" : "false")
                                                           : number;
      snprintf(number, sizeof number, "%lld", (long long)values[i].i);
      append(&t, value, strlen(value));
      found = true;
    }
    if (!found)
      append(&t, ref, (size_t)(close + 1 - ref));
    s = close + 1;
  }
  return t.data;
}

/* Parses `named` with its options into `pm`: defaults, then `options`, put in its text. */
static void expandNamedPipeline(Parser *p, MlirOpPassManager pm, const DlcNamedPipeline *named,
                                MlirStringRef options, size_t at, int depth) {
  Forward forward = {.parser = p, .at = at};
  if (depth > 16) {
    parserError(p, at, "pipeline '%s' expands too deeply", named->name);
    return;
  }
  DlcPassOptionValue *values = dlcAllocZeroed((size_t)named->numOptions + 1, sizeof *values);
  dlcSetDefaultOptionValues(named->numOptions, named->options, values);
  if (dlcParseOptionValues("pipeline", named->name, named->numOptions, named->options, values,
                           options, forwardError, &forward)) {
    char *text = substituteOptions(named, values);
    Parser inner = {text, strlen(text), 0, forwardError, &forward, false};
    parsePipeline(&inner, pm, depth + 1);
    free(text);
  }
  dlcFreeOptionValues(named->numOptions, named->options, values);
  free(values);
  flushForward(&forward, NULL);
}

static void addPass(Parser *p, MlirOpPassManager pm, MlirStringRef name, MlirStringRef options,
                    bool hasOptions, size_t at, int depth) {
  Forward forward = {.parser = p, .at = at};
  const DlcNamedPipeline *named = dlcLookupNamedPipeline(name);
  if (named) {
    expandNamedPipeline(p, pm, named, options, at, depth);
    return;
  }
  if (dlcLookupPass(name)) {
    MlirPass pass = dlcCreatePass(name, options, forwardError, &forward);
    if (pass.ptr)
      mlirOpPassManagerAddOwnedPass(pm, pass);
    flushForward(&forward, NULL);
    return;
  }
  char element[1024];
  int n = hasOptions ? snprintf(element, sizeof element, "%.*s{%.*s}", (int)name.length, name.data,
                                (int)options.length, options.data)
                     : snprintf(element, sizeof element, "%.*s", (int)name.length, name.data);
  if (n < 0 || (size_t)n >= sizeof element) {
    parserError(p, at, "pass element is too long");
    return;
  }
  if (mlirLogicalResultIsFailure(mlirOpPassManagerAddPipeline(
          pm, mlirStringRefCreate(element, (size_t)n), forwardError, &forward))) {
    char context[256];
    snprintf(context, sizeof context, "'%.*s' is not a dlc pass and MLIR rejected it: ",
             (int)name.length, name.data);
    if (forward.used == 0)
      forwardError(dlcStr("no further detail"), &forward);
    flushForward(&forward, context);
  }
}

static void parseElement(Parser *p, MlirOpPassManager pm, int depth) {
  skipSpaces(p);
  size_t at = p->pos;
  MlirStringRef name = parseName(p);
  if (p->failed)
    return;
  skipSpaces(p);
  if (p->pos < p->length && p->text[p->pos] == '(') {
    ++p->pos;
    /* The outermost `builtin.module(...)` names the pass manager's own op. */
    bool self = depth == 0 && mlirStringRefEqual(name, dlcStr("builtin.module"));
    MlirOpPassManager nested = self ? pm : mlirOpPassManagerGetNestedUnder(pm, name);
    skipSpaces(p);
    if (p->pos < p->length && p->text[p->pos] != ')')
      parsePipeline(p, nested, depth + 1);
    skipSpaces(p);
    if (!p->failed && (p->pos >= p->length || p->text[p->pos] != ')'))
      parserError(p, p->pos, "expected ')' to close '%.*s('", (int)name.length, name.data);
    ++p->pos;
    return;
  }
  bool hasOptions = p->pos < p->length && p->text[p->pos] == '{';
  MlirStringRef options = hasOptions ? parseBraced(p) : mlirStringRefCreate(NULL, 0);
  if (!p->failed)
    addPass(p, pm, name, options, hasOptions, at, depth);
}

static void parsePipeline(Parser *p, MlirOpPassManager pm, int depth) {
  for (;;) {
    parseElement(p, pm, depth);
    skipSpaces(p);
    if (p->failed || p->pos >= p->length || p->text[p->pos] != ',')
      return;
    ++p->pos;
  }
}

MlirLogicalResult dlcParsePassPipeline(MlirOpPassManager pm, MlirStringRef pipeline,
                                       MlirStringCallback errorCallback, void *userData) {
  Parser p = {pipeline.data, pipeline.length, 0, errorCallback, userData, false};
  skipSpaces(&p);
  if (p.pos >= p.length)
    return mlirLogicalResultSuccess(); /* an empty pipeline runs nothing, as in mlir-opt */
  parsePipeline(&p, pm, 0);
  skipSpaces(&p);
  if (!p.failed && p.pos < p.length)
    parserError(&p, p.pos, "unexpected '%c' after the pipeline", p.text[p.pos]);
  return p.failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}

MlirLogicalResult dlcRunPassPipeline(MlirOperation op, MlirStringRef pipeline,
                                     MlirStringCallback errorCallback, void *userData) {
  MlirContext ctx = mlirOperationGetContext(op);
  MlirPassManager pm = mlirPassManagerCreateOnOperation(ctx, mlirIdentifierStr(mlirOperationGetName(op)));
  MlirLogicalResult result =
      dlcParsePassPipeline(mlirPassManagerGetAsOpPassManager(pm), pipeline, errorCallback, userData);
  if (mlirLogicalResultIsSuccess(result))
    result = mlirPassManagerRunOnOp(pm, op);
  if (mlirLogicalResultIsSuccess(result))
    result = dlcVerify(op);
  mlirPassManagerDestroy(pm);
  return result;
}
