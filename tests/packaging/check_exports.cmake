# The exported-symbols test (cmake -P). Checks that the dynamic symbol table
# of liblede.so holds exactly the functions that include/lede.h declares with
# LEDE_API: nothing private leaks out, nothing declared is missing. The list
# comes from the header itself, so the test follows the API as it grows.
#
#   cmake -DNM=nm -DLIBRARY=liblede.so -DHEADER=lede.h -DMAP=lede.map
#         -DVERSION_SCRIPT=ON|OFF -P check_exports.cmake
cmake_minimum_required(VERSION 3.20)

foreach(var NM LIBRARY HEADER MAP)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_exports.cmake: -D${var}=... is required")
  endif()
endforeach()

# --- What the header declares --------------------------------------------
file(READ "${HEADER}" header)
# Drop comments and preprocessor lines: only declarations remain.
string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" " " header "${header}")
string(REGEX REPLACE "//[^\n]*" " " header "${header}")
string(REGEX REPLACE "(^|\n)[ \t]*#[^\n]*" "\n" header "${header}")
# Each declaration runs from LEDE_API to its semicolon; the function name is
# the first identifier followed by an opening parenthesis.
string(REGEX MATCHALL "LEDE_API[^;]*" decls "${header}")
set(declared)
foreach(decl IN LISTS decls)
  if(NOT decl MATCHES "([A-Za-z_][A-Za-z0-9_]*)[ \t\r\n]*\\(")
    message(FATAL_ERROR "cannot read the function name in: ${decl}")
  endif()
  list(APPEND declared "${CMAKE_MATCH_1}")
endforeach()
list(LENGTH declared n_declared)
if(n_declared LESS 5)
  message(FATAL_ERROR "only ${n_declared} LEDE_API declarations found in ${HEADER}: parser broken?")
endif()
foreach(name IN LISTS declared)
  if(NOT name MATCHES "^lede_")
    message(SEND_ERROR "${HEADER} declares LEDE_API ${name}, outside the lede_ prefix")
  endif()
endforeach()

# --- Version nodes of the linker script (LEDE_0, ...) -----------------------
file(READ "${MAP}" map)
string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" " " map "${map}")
string(REGEX MATCHALL "[A-Za-z_][A-Za-z0-9_.]*[ \t\r\n]*{" nodes "${map}")
set(version_nodes)
foreach(node IN LISTS nodes)
  string(REGEX REPLACE "[ \t\r\n]*{$" "" node "${node}")
  list(APPEND version_nodes "${node}")
endforeach()

# --- What the library exports ---------------------------------------------
execute_process(COMMAND "${NM}" -D --defined-only "${LIBRARY}"
  OUTPUT_VARIABLE nm_out ERROR_VARIABLE nm_err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIBRARY} failed: ${nm_err}")
endif()
string(REPLACE "\n" ";" lines "${nm_out}")
# Symbols a toolchain may leave in a library linked without a version script.
set(toolchain_symbols _init _fini _edata _end __bss_start)
set(exported)
set(bad)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "([A-Za-z?]) ([^ ]+)$")
    message(FATAL_ERROR "cannot read nm line: ${line}")
  endif()
  set(type "${CMAKE_MATCH_1}")
  set(symbol "${CMAKE_MATCH_2}")
  string(REGEX REPLACE "@.*$" "" name "${symbol}")
  if(type STREQUAL "A" AND name IN_LIST version_nodes)
    continue() # the version node itself
  endif()
  if(NOT VERSION_SCRIPT AND name IN_LIST toolchain_symbols)
    continue()
  endif()
  if(NOT name MATCHES "^lede_")
    list(APPEND bad "${symbol} (${type}): outside the lede_ prefix")
  elseif(NOT name IN_LIST declared)
    list(APPEND bad "${symbol} (${type}): not declared with LEDE_API in ${HEADER}")
  elseif(NOT type STREQUAL "T")
    list(APPEND bad "${symbol} (${type}): exported but not a function")
  elseif(VERSION_SCRIPT AND NOT symbol MATCHES "@@?[A-Za-z_]")
    list(APPEND bad "${symbol}: no symbol version although lede.map was applied")
  endif()
  list(APPEND exported "${name}")
endforeach()

foreach(name IN LISTS declared)
  if(NOT name IN_LIST exported)
    list(APPEND bad "${name}: declared with LEDE_API but not exported (not defined?)")
  endif()
endforeach()

list(LENGTH exported n_exported)
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "exported symbols of ${LIBRARY} do not match ${HEADER}:\n  ${text}")
endif()
message(STATUS "${n_exported} exported symbols, all lede_* and all declared with LEDE_API "
               "(${n_declared} declarations)")
