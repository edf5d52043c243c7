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
endif()
