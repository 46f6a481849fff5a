# Golden Python tests: one CTest test per tests/py/<area>/<name>.py, named
# py/<area>/<name>, comparing slpy's stdout/stderr/exit status with the
# expected files produced by CPython 3.11 (see tests/py/README.md).
if(TARGET slpy)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  file(GLOB_RECURSE SLPY_GOLDEN_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/py/*.py)
  # Folders named *_pkgs hold helper modules that tests import (tests/py/220_imports), and
  # __pycache__ bytecode caches: neither is a test (golden_common.is_helper_dir says the same).
  list(FILTER SLPY_GOLDEN_TESTS EXCLUDE REGEX "/[^/]*_pkgs/|/__pycache__/")
  list(SORT SLPY_GOLDEN_TESTS)
  # Known failures (tests/golden/xfail.txt, one py/<area>/<name> per line): such a test
  # passes while it fails and turns red as soon as it passes, so the list stays exact.
  set(SLPY_XFAIL_FILE ${CMAKE_CURRENT_SOURCE_DIR}/golden/xfail.txt)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SLPY_XFAIL_FILE})
  set(SLPY_XFAIL "")
  if(EXISTS ${SLPY_XFAIL_FILE})
    file(STRINGS ${SLPY_XFAIL_FILE} SLPY_XFAIL REGEX "^py/")
  endif()
  # Tests that need an object to die at a gc.collect() after its last reference went away
  # (tests/golden/sanitizer_skip.txt): the collector scans the C stack conservatively, and
  # under AddressSanitizer stale copies of pointers linger there, so they are not run in a
  # sanitizer build (they run in every other build).
  set(SLPY_SANITIZER_SKIP "")
  if(SLPY_SANITIZE)
    set(SLPY_SKIP_FILE ${CMAKE_CURRENT_SOURCE_DIR}/golden/sanitizer_skip.txt)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SLPY_SKIP_FILE})
    file(STRINGS ${SLPY_SKIP_FILE} SLPY_SANITIZER_SKIP REGEX "^py/")
  endif()
  foreach(test_file IN LISTS SLPY_GOLDEN_TESTS)
    file(RELATIVE_PATH test_rel ${CMAKE_CURRENT_SOURCE_DIR}/py ${test_file})
    string(REGEX REPLACE "\\.py$" "" test_rel ${test_rel})
    if("py/${test_rel}" IN_LIST SLPY_SANITIZER_SKIP)
      continue()
    endif()
    add_test(NAME py/${test_rel}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check.py
              $<TARGET_FILE:slpy> ${test_file})
    set_tests_properties(py/${test_rel} PROPERTIES TIMEOUT 90 LABELS golden)
    if("py/${test_rel}" IN_LIST SLPY_XFAIL)
      set_tests_properties(py/${test_rel} PROPERTIES WILL_FAIL TRUE LABELS "golden;xfail")
    endif()
    # The deep tests again with a 256 KiB C stack: Python calls, generators and the
    # special methods the loop runs must not use the C stack, and native recursion
    # (200_hardening/*_deep_*: repr, ==, isinstance, ... of deep structures) must raise
    # the same RecursionError before it overflows a small one.
    # AddressSanitizer's redzones make native frames several times bigger, so a sanitizer
    # build gets 1 MiB (the same test of "no C stack for Python calls", and a small stack
    # next to the default 8 MiB); the test keeps its name.
    if(test_rel MATCHES "^180_deep/" OR test_rel MATCHES "^200_hardening/[0-9]+_deep_")
      if(SLPY_SANITIZE)
        set(slpy_small_stack_kib 1024)
      else()
        set(slpy_small_stack_kib 256)
      endif()
      add_test(NAME py-stack256/${test_rel}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check.py
                $<TARGET_FILE:slpy> ${test_file} --stack-kib ${slpy_small_stack_kib})
      set_tests_properties(py-stack256/${test_rel} PROPERTIES TIMEOUT 90 LABELS "golden;deep")
    endif()
  endforeach()

  # Ctrl-C: programs get SIGINT while looping or blocked in a read or a sleep; slpy and
  # CPython must both end them as expected, with identical tracebacks.
  add_test(NAME sigint
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/sigint_check.py
            $<TARGET_FILE:slpy> ${Python3_EXECUTABLE})
  set_tests_properties(sigint PROPERTIES TIMEOUT 300 LABELS signals)
  # Native recursion CPython leaves unguarded (chains of map/filter/zip, ...): RecursionError
  # with the default and with a 256 KiB C stack.
  add_test(NAME deep_native
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/deep_native_check.py $<TARGET_FILE:slpy>)
  set_tests_properties(deep_native PROPERTIES TIMEOUT 600 LABELS "golden;deep")
endif()
