# Reliability checks (docs/reliability.md): hostile input in linear time,
# threads and determinism. test_hostile and test_threads are Check suites
# built by tests/CMakeLists.txt like every tests/test_*.c; this file adds
# what they need beyond that, and the instruction-count linearity check.

# Sanitizer builds (scripts/sanitize.sh, scripts/tsan.sh) pass -fsanitize in
# the C flags; they run the hostile cases at 1/8 of their size and 3 rounds
# of the thread test.
set(LEDE_SANITIZED OFF)
if(CMAKE_C_FLAGS MATCHES "-fsanitize")
  set(LEDE_SANITIZED ON)
endif()

if(TARGET test_hostile)
  set_tests_properties(test_hostile PROPERTIES TIMEOUT 900)
  if(LEDE_SANITIZED)
    set_tests_properties(test_hostile PROPERTIES ENVIRONMENT "LEDE_HOSTILE_SCALE=8")
  endif()
endif()

if(TARGET test_threads)
  find_package(Threads REQUIRED)
  target_link_libraries(test_threads PRIVATE Threads::Threads)
  # The fixture articles it reads besides its own: cli/sample.txt and
  # tests/cli/fixtures/*.txt.
  target_compile_definitions(test_threads PRIVATE LEDE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set_tests_properties(test_threads PROPERTIES TIMEOUT 900)
  if(LEDE_SANITIZED)
    set_tests_properties(test_threads PROPERTIES ENVIRONMENT "LEDE_THREAD_ROUNDS=3")
  endif()
endif()

# The driver of the linearity check, and the check itself: every hostile case
# at N and 2N bytes under callgrind, the instruction counts compared. Only
# where valgrind exists, and not in a sanitizer build (valgrind cannot run
# sanitized programs).
add_executable(hostile_driver ${CMAKE_CURRENT_SOURCE_DIR}/hostile/hostile_driver.c)
target_link_libraries(hostile_driver PRIVATE lede_static)
target_include_directories(hostile_driver PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/hostile)

find_program(LEDE_VALGRIND valgrind)
find_package(Python3 COMPONENTS Interpreter)
if(LEDE_VALGRIND AND Python3_Interpreter_FOUND AND NOT LEDE_SANITIZED)
  add_test(NAME hostile_linear
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/linear.py
            --valgrind ${LEDE_VALGRIND} $<TARGET_FILE:hostile_driver>)
  set_tests_properties(hostile_linear PROPERTIES TIMEOUT 900 LABELS reliability)
elseif(NOT LEDE_VALGRIND)
  message(STATUS "valgrind not found: no hostile_linear test (install the Debian package valgrind)")
endif()
