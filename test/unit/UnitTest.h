/* UnitTest.h: what the unit test programs share: a suite given as a table of test cases
 * (each a name and its tests, under one fixture), run and counted in one call, and a text
 * buffer that collects what an MlirStringCallback writes. */
#ifndef DLC_TEST_UNIT_UNITTEST_H
#define DLC_TEST_UNIT_UNITTEST_H

#include "mlir-c/Support.h"

#include <check.h>
#include <stddef.h>
#include <string.h>

typedef struct DlcTestCase {
  const char *name;
  const TTest *tests[24]; /* ends at the first NULL */
} DlcTestCase;

/// Text written through an MlirStringCallback, NUL-terminated, cut short when full.
typedef struct DlcTestText {
  char text[8192];
  size_t used;
} DlcTestText;

/// MlirStringCallback appending to the DlcTestText passed as userData.
static inline void dlcTestCollect(MlirStringRef s, void *userData) {
  DlcTestText *t = userData;
  size_t room = sizeof t->text - 1 - t->used, n = s.length < room ? s.length : room;
  memcpy(t->text + t->used, s.data, n);
  t->used += n;
  t->text[t->used] = '\0';
}

/// Runs every case of suite `name` with `setup`/`teardown` around each test; returns the
/// process exit status (0 when all pass).
static inline int dlcRunTestCases(const char *name, const DlcTestCase *cases, size_t n, SFun setup,
                                  SFun teardown) {
  Suite *suite = suite_create(name);
  for (size_t c = 0; c < n; ++c) {
    TCase *tc = tcase_create(cases[c].name);
    tcase_add_checked_fixture(tc, setup, teardown);
    for (const TTest *const *t = cases[c].tests; *t; ++t)
      tcase_add_test(tc, *t);
    suite_add_tcase(suite, tc);
  }
  SRunner *runner = srunner_create(suite);
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? 1 : 0;
}

/// Runs `tests` (`n` of them) as suite `name`, each in a process of its own whatever
/// CK_FORK says (for state that lives once per process, such as the CUDA runtime's),
/// allowing each `timeout` seconds; returns the process exit status.
static inline int dlcRunForkedTests(const char *name, const TTest *const *tests, size_t n,
                                    double timeout) {
  Suite *suite = suite_create(name);
  TCase *tc = tcase_create(name);
  tcase_set_timeout(tc, timeout);
  for (size_t i = 0; i < n; ++i)
    tcase_add_test(tc, tests[i]);
  suite_add_tcase(suite, tc);
  SRunner *runner = srunner_create(suite);
  srunner_set_fork_status(runner, CK_FORK);
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? 1 : 0;
}

#endif
