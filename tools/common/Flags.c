/* Flags.c: a tool's command line, read the way LLVM's cl reads mlir-opt's: one or two
 * dashes, values after '=' or (for flags that need one) in the next argument, booleans with
 * =true/=false, `--` ends the flags, one positional input. A table of Flags (name, kind,
 * offset of the field it sets, help) drives both parsing and --help, so they cannot
 * disagree; a flag that is not in the table goes to the tool's hook.
 * Ownership: the fields set point into argv; only a CliList's array is allocated
 * (cliListFree). */
#include "ToolSupport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const CliFlag *lookupCliFlag(const CliFlagTable *table, const char *name, size_t len) {
  for (size_t i = 0; i < table->numFlags; ++i)
    if (strlen(table->flags[i].name) == len && !strncmp(table->flags[i].name, name, len))
      return &table->flags[i];
  return NULL;
}

/* LLVM's cl accepts these spellings of a boolean value. */
static bool parseBool(const char *s, bool *out) {
  static const char *const yes[] = {"true", "TRUE", "True", "1"};
  static const char *const no[] = {"false", "FALSE", "False", "0"};
  for (size_t i = 0; i < 4; ++i) {
    if (!strcmp(s, yes[i]) || !strcmp(s, no[i])) {
      *out = !strcmp(s, yes[i]);
      return true;
    }
  }
  return false;
}

static bool setFlag(const CliFlagTable *table, const CliFlag *f, const char *value, void *opts) {
  char *field = (char *)opts + f->offset;
  switch (f->kind) {
  case CliBool:
    if (!value)
      *(bool *)field = true;
    else if (!parseBool(value, (bool *)field)) {
      fprintf(stderr, "%s: invalid value '%s' for --%s: expected true or false\n", dlcToolName,
              value, f->name);
      return false;
    }
    return true;
  case CliString:
    *(const char **)field = value;
    return true;
  case CliOptionalString:
    /* An empty value means the default, as in mlir-opt. */
    *(const char **)field = value && *value ? value : table->optionalDefault;
    return true;
  case CliCount: {
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (!*value || *end || errno || n < 0) {
      fprintf(stderr, "%s: invalid value '%s' for --%s: expected a count\n", dlcToolName, value,
              f->name);
      return false;
    }
    *(long *)field = n;
    return true;
  }
  case CliRepeated: {
    CliList *list = (CliList *)field;
    list->items = xrealloc(list->items, sizeof(char *) * (list->count + 1));
    list->items[list->count++] = value;
    return true;
  }
  }
  return false;
}

bool cliParseFlags(int argc, char **argv, const CliFlagTable *table, void *opts,
                   const char **input) {
  bool onlyPositional = false, haveInput = false;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (onlyPositional || arg[0] != '-' || !arg[1]) {
      if (haveInput) {
        fprintf(stderr, "%s: too many positional arguments: '%s' after input '%s'\n", dlcToolName,
                arg, *input);
        return false;
      }
      *input = arg;
      haveInput = true;
      continue;
    }
    if (!strcmp(arg, "--")) {
      onlyPositional = true;
      continue;
    }
    const char *name = arg + (arg[1] == '-' ? 2 : 1);
    const char *eq = strchr(name, '=');
    const CliFlag *f = lookupCliFlag(table, name, eq ? (size_t)(eq - name) : strlen(name));
    if (!f) {
      if (table->unknownFlag(name, arg, opts))
        continue;
      return false;
    }
    const char *value = eq ? eq + 1 : NULL;
    if (!value && (f->kind == CliString || f->kind == CliCount || f->kind == CliRepeated)) {
      if (i + 1 == argc) {
        fprintf(stderr, "%s: option '%s' needs a value\n", dlcToolName, arg);
        return false;
      }
      value = argv[++i];
    }
    if (!setFlag(table, f, value, opts))
      return false;
  }
  return true;
}

void cliPrintFlagHelp(const CliFlagTable *table) {
  for (size_t i = 0; i < table->numFlags; ++i) {
    const CliFlag *f = &table->flags[i];
    char spelled[64];
    snprintf(spelled, sizeof spelled, "%s%s%s", f->name[1] ? "--" : "-", f->name, f->metavar);
    printf("  %-40s - %s\n", spelled, f->help);
  }
}

bool cliParseOptLevel(const char *name, int *level) {
  if (name[0] != 'O' || name[1] < '0' || name[1] > '3' || name[2])
    return false;
  *level = name[1] - '0';
  return true;
}

void cliListFree(CliList *list) {
  free(list->items);
  *list = (CliList){0};
}
