# The README example test (cmake -P): the first ```c block of README.md is
# compiled as strict C11 against the built liblede.so and run, and what it
# prints must be the ```text block that follows it, so the example users copy
# stays true as the API changes.
#
#   cmake -DREADME=README.md -DCC=cc -DSOURCE_INCLUDE=dir -DBINARY_INCLUDE=dir
#         -DLIBRARY=liblede.so
#         -DWORK=dir -P readme_example.cmake
cmake_minimum_required(VERSION 3.20)

file(READ "${README}" readme)
string(FIND "${readme}" "\n```c\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "no ```c block in ${README}")
endif()
math(EXPR start "${start} + 6")
string(SUBSTRING "${readme}" ${start} -1 rest)
string(FIND "${rest}" "\n```" stop)
if(stop EQUAL -1)
  message(FATAL_ERROR "the ```c block of ${README} is not closed")
endif()
math(EXPR stop "${stop} + 1")
string(SUBSTRING "${rest}" 0 ${stop} code)

file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/readme_example.c" "${code}")
get_filename_component(libdir "${LIBRARY}" DIRECTORY)
execute_process(COMMAND "${CC}" -std=c11 -pedantic -Wall -Wextra -Werror
  "-I${SOURCE_INCLUDE}" "-I${BINARY_INCLUDE}"
  "${WORK}/readme_example.c" "${LIBRARY}" "-Wl,-rpath,${libdir}" -o "${WORK}/readme_example"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the README example does not compile:\n${out}")
endif()
execute_process(COMMAND "${WORK}/readme_example"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR out STREQUAL "")
  message(FATAL_ERROR "the README example exited ${rc}:\n${out}${err}")
endif()

# The README shows what it prints in the next ```text block.
string(SUBSTRING "${rest}" ${stop} -1 rest)
string(FIND "${rest}" "\n```text\n" start)
if(NOT start EQUAL -1)
  math(EXPR start "${start} + 9")
  string(SUBSTRING "${rest}" ${start} -1 rest)
  string(FIND "${rest}" "\n```" stop)
  math(EXPR stop "${stop} + 1")
  string(SUBSTRING "${rest}" 0 ${stop} expected)
  if(NOT out STREQUAL expected)
    message(FATAL_ERROR "the README example prints:\n${out}\nthe README says:\n${expected}")
  endif()
endif()
message(STATUS "the README example prints:\n${out}")
