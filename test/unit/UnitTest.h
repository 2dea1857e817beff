/* UnitTest.h: what the unit test programs share: a suite given as a table of test cases
 * (each a name and its tests, under one fixture), run and counted in one call. */
#ifndef DLC_TEST_UNIT_UNITTEST_H
#define DLC_TEST_UNIT_UNITTEST_H

#include <check.h>
#include <stddef.h>

typedef struct DlcTestCase {
  const char *name;
  const TTest *tests[24]; /* ends at the first NULL */
} DlcTestCase;

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

#endif
