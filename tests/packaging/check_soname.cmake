# The soname test (cmake -P): the shared library is named after the ABI
# number, not the release version, and the static library is liblede.a.
#
#   cmake -DOBJDUMP=objdump -DLIBRARY=.../liblede.so -DSTATIC=.../liblede.a
#         -DABI=0 -P check_soname.cmake
cmake_minimum_required(VERSION 3.20)

execute_process(COMMAND "${OBJDUMP}" -p "${LIBRARY}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -p ${LIBRARY} failed: ${err}")
endif()
if(NOT out MATCHES "SONAME[ \t]+([^\n]+)")
  message(FATAL_ERROR "${LIBRARY} has no SONAME")
endif()
set(soname "${CMAKE_MATCH_1}")
if(NOT soname STREQUAL "liblede.so.${ABI}")
  message(FATAL_ERROR "SONAME is ${soname}, expected liblede.so.${ABI}")
endif()
get_filename_component(static_name "${STATIC}" NAME)
if(NOT static_name STREQUAL "liblede.a")
  message(FATAL_ERROR "the static library is ${static_name}, expected liblede.a")
endif()
message(STATUS "SONAME ${soname}; static library ${static_name}")
