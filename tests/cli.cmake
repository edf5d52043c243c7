# Tests of the lede command (tests/cli/test_cli.py, Python standard library
# only): one ctest test per group so failures are easy to spot.
if(TARGET lede_cli)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  foreach(group Usage Documents JsonLines Jobs Offsets Formats Memory)
    string(TOLOWER ${group} name)
    add_test(NAME cli_${name}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.py
              $<TARGET_FILE:lede_cli> ${group}Test)
    set_tests_properties(cli_${name} PROPERTIES TIMEOUT 300 LABELS cli)
  endforeach()
  # AddressSanitizer keeps freed memory in a quarantine (256 MB by default),
  # so the resident size of a long stream grows whatever lede does. A small
  # quarantine lets the flat-memory test measure lede again.
  if(CMAKE_C_FLAGS MATCHES "-fsanitize=[^ ]*address")
    set_tests_properties(cli_memory PROPERTIES ENVIRONMENT
      "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=16")
  endif()
endif()
