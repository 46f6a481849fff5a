# Golden Python tests: one CTest test per tests/py/<area>/<name>.py, named
# py/<area>/<name>, comparing slpy's stdout/stderr/exit status with the
# expected files produced by CPython 3.11 (see tests/py/README.md).
if(TARGET slpy)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  file(GLOB_RECURSE SLPY_GOLDEN_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/py/*.py)
  list(SORT SLPY_GOLDEN_TESTS)
  # Known failures (tests/golden/xfail.txt, one py/<area>/<name> per line): such a test
  # passes while it fails and turns red as soon as it passes, so the list stays exact.
  set(SLPY_XFAIL_FILE ${CMAKE_CURRENT_SOURCE_DIR}/golden/xfail.txt)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SLPY_XFAIL_FILE})
  set(SLPY_XFAIL "")
  if(EXISTS ${SLPY_XFAIL_FILE})
    file(STRINGS ${SLPY_XFAIL_FILE} SLPY_XFAIL REGEX "^py/")
  endif()
  foreach(test_file IN LISTS SLPY_GOLDEN_TESTS)
    file(RELATIVE_PATH test_rel ${CMAKE_CURRENT_SOURCE_DIR}/py ${test_file})
    string(REGEX REPLACE "\\.py$" "" test_rel ${test_rel})
    add_test(NAME py/${test_rel}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check.py
              $<TARGET_FILE:slpy> ${test_file})
    set_tests_properties(py/${test_rel} PROPERTIES TIMEOUT 90 LABELS golden)
    if("py/${test_rel}" IN_LIST SLPY_XFAIL)
      set_tests_properties(py/${test_rel} PROPERTIES WILL_FAIL TRUE LABELS "golden;xfail")
    endif()
    # The deep tests again with a 256 KiB C stack: Python calls, generators and the
    # special methods the loop runs must not use the C stack.
    if(test_rel MATCHES "^180_deep/")
      add_test(NAME py-stack256/${test_rel}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check.py
                $<TARGET_FILE:slpy> ${test_file} --stack-kib 256)
      set_tests_properties(py-stack256/${test_rel} PROPERTIES TIMEOUT 90 LABELS "golden;deep")
    endif()
  endforeach()
endif()
