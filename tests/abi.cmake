# ABI tests, included by tests/CMakeLists.txt (the policy: docs/abi.md). Each
# takes well under a second:
#   abi_check     liblede.so is compatible with the committed baseline
#                 tests/abi/liblede.abi (abidiff, appends accepted by
#                 tests/abi/lede.suppr)
#   abi_baseline  the baseline describes liblede.so exactly: an ABI that grew
#                 needs a deliberate scripts/abi-update.sh
# The Check suite test_abi_layout (tests/test_abi_layout.c, built like every
# tests/test_*.c) asserts the released offsets, types and enum values, and
# needs no tools.
find_program(LEDE_ABIDIFF abidiff)
if(NOT LEDE_ABIDIFF)
  message(STATUS "abidiff not found: no abi_check test (install the Debian package abigail-tools)")
  return()
endif()
# The baseline is an ELF dump of an x86_64 build: other targets would compare
# a different architecture (test_abi_layout still runs there).
if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$"
   OR NOT CMAKE_SIZEOF_VOID_P EQUAL 8)
  message(STATUS "No abi_check test: the ABI baseline describes x86_64 Linux, "
    "not ${CMAKE_SYSTEM_NAME} ${CMAKE_SYSTEM_PROCESSOR}")
  return()
endif()

set(LEDE_ABI_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/abi/abi.sh)
set(LEDE_SKIP 77) # exit status of a test that cannot run here (a library without -g)
add_test(NAME abi_check COMMAND ${CMAKE_COMMAND} -E env ABIDIFF=${LEDE_ABIDIFF}
  bash ${LEDE_ABI_SCRIPT} check $<TARGET_FILE:lede> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
add_test(NAME abi_baseline COMMAND ${CMAKE_COMMAND} -E env ABIDIFF=${LEDE_ABIDIFF}
  bash ${LEDE_ABI_SCRIPT} current $<TARGET_FILE:lede> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(abi_check abi_baseline PROPERTIES SKIP_RETURN_CODE ${LEDE_SKIP} TIMEOUT 60)
