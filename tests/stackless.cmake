# Stackless tests (scheduler/, stackless/modules/stackless_module.cpp):
# - conformance/<folder>/<name>: every program of ../shared/conformance (recorded with
#   real Stackless Python), each run through that folder's own run.sh. Programs that do
#   not pass yet are listed, with a reason, in tests/stackless/conformance_xfail.txt
#   (CTest WILL_FAIL: a listed program must still fail, so the list stays exact).
# - stackless/<name>: our own programs tests/stackless/<name>.py with hand-checked
#   expected output <name>.out (and exit status <name>.rc), for the spec's rules that the
#   conformance set does not cover, and the seeded stress program.
# - stackless/stress_tasklets_COUNT_SEED: stackless/stress/tasklets.py (see its README).
if(TARGET slpy)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  set(SLPY_CONFORMANCE_DIR ${PROJECT_SOURCE_DIR}/../shared/conformance)
  if(EXISTS ${SLPY_CONFORMANCE_DIR}/run.sh)
    set(SLPY_SL_XFAIL_FILE ${CMAKE_CURRENT_SOURCE_DIR}/stackless/conformance_xfail.txt)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SLPY_SL_XFAIL_FILE})
    set(SLPY_SL_XFAIL "")
    if(EXISTS ${SLPY_SL_XFAIL_FILE})
      file(STRINGS ${SLPY_SL_XFAIL_FILE} SLPY_SL_XFAIL_LINES REGEX "^[a-z]")
      foreach(line IN LISTS SLPY_SL_XFAIL_LINES)
        string(REGEX REPLACE "[ \t].*$" "" name "${line}")
        list(APPEND SLPY_SL_XFAIL ${name})
      endforeach()
    endif()
    file(GLOB SLPY_CONFORMANCE_PROGRAMS CONFIGURE_DEPENDS ${SLPY_CONFORMANCE_DIR}/*/*.py)
    list(SORT SLPY_CONFORMANCE_PROGRAMS)
    foreach(prog IN LISTS SLPY_CONFORMANCE_PROGRAMS)
      file(RELATIVE_PATH rel ${SLPY_CONFORMANCE_DIR} ${prog})
      string(REGEX REPLACE "\\.py$" "" rel ${rel})
      add_test(NAME conformance/${rel} COMMAND sh ${SLPY_CONFORMANCE_DIR}/run.sh $<TARGET_FILE:slpy> ${rel})
      set_tests_properties(conformance/${rel} PROPERTIES TIMEOUT 60 LABELS stackless)
      if("${rel}" IN_LIST SLPY_SL_XFAIL)
        set_tests_properties(conformance/${rel} PROPERTIES WILL_FAIL TRUE LABELS "stackless;xfail")
      endif()
    endforeach()
  else()
    message(STATUS "stackless conformance programs not found at ${SLPY_CONFORMANCE_DIR}: skipped")
  endif()

  file(GLOB SLPY_STACKLESS_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/stackless/*.py)
  list(FILTER SLPY_STACKLESS_TESTS EXCLUDE REGEX "/check\\.py$") # the runner itself
  if(SLPY_SANITIZE)
    # Needs tasklets freed by gc.collect() right after their last reference goes: the
    # conservative stack scan keeps stale pointers from ASan's bigger frames (as the golden
    # tests in tests/golden/sanitizer_skip.txt). It runs in every other build.
    list(FILTER SLPY_STACKLESS_TESTS EXCLUDE REGEX "/weakref_tasklet\\.py$")
    set(SLPY_STRESS_RELEASE_SLACK 1000)
  else()
    set(SLPY_STRESS_RELEASE_SLACK 8)
  endif()
  list(SORT SLPY_STACKLESS_TESTS)
  foreach(prog IN LISTS SLPY_STACKLESS_TESTS)
    get_filename_component(name ${prog} NAME_WE)
    add_test(NAME stackless/${name}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/stackless/check.py $<TARGET_FILE:slpy> ${prog})
    set_tests_properties(stackless/${name} PROPERTIES TIMEOUT 120 LABELS stackless)
  endforeach()

  # The seeded scheduler stress (stress/tasklets.py, issue 8): 100,000 tasklets (about
  # 1.5 s of CPU in a Release build; the same count under ASan+UBSan, where
  # tools/ci_sanitize runs this suite with LeakSanitizer on). Each count and seed listed
  # here has its expected summary stress/tasklets.COUNT-SEED.out.
  foreach(run IN ITEMS "100000;1207")
    list(GET run 0 count)
    list(GET run 1 seed)
    add_test(NAME stackless/stress_tasklets_${count}_${seed}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/stackless/check.py $<TARGET_FILE:slpy>
              ${CMAKE_CURRENT_SOURCE_DIR}/stackless/stress/tasklets.py ${count} ${seed})
    set_tests_properties(stackless/stress_tasklets_${count}_${seed} PROPERTIES
      TIMEOUT 900 ENVIRONMENT "SLPY_CHECK_TIMEOUT=850;SLPY_STRESS_RELEASE_SLACK=${SLPY_STRESS_RELEASE_SLACK}"
      LABELS stackless)
  endforeach()
endif()
