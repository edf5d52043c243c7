# Packaging tests, included by tests/CMakeLists.txt. Each is fast (seconds):
#   packaging_exports     liblede.so exports exactly the LEDE_API functions of lede.h
#   packaging_soname      liblede.so.<ABI> soname, static library liblede.a
#   packaging_header_c11  lede.h compiles as strict C11 with -Werror
#   packaging_header_cpp  lede.h compiles as C++11 with -Werror
#   packaging_install     cmake --install, then find_package and pkg-config consumers
#   packaging_readme_example  the C example of README.md compiles and runs
#   packaging_docs        Doxygen runs without a warning
set(LEDE_PACKAGING_DIR ${CMAKE_CURRENT_SOURCE_DIR}/packaging)
set(LEDE_SKIP 77) # exit status of a test that cannot run here

# --- exported symbols ------------------------------------------------------
if(LEDE_HAVE_VERSION_SCRIPT)
  set(version_script ON)
else()
  set(version_script OFF)
endif()
find_program(LEDE_NM NAMES ${CMAKE_NM} nm)
add_test(NAME packaging_exports COMMAND ${CMAKE_COMMAND}
  -DNM=${LEDE_NM} -DLIBRARY=$<TARGET_FILE:lede>
  -DHEADER=${PROJECT_SOURCE_DIR}/include/lede.h -DMAP=${PROJECT_SOURCE_DIR}/lib/lede.map
  -DVERSION_SCRIPT=${version_script}
  -P ${LEDE_PACKAGING_DIR}/check_exports.cmake)

# --- soname ----------------------------------------------------------------
find_program(LEDE_OBJDUMP NAMES ${CMAKE_OBJDUMP} objdump)
add_test(NAME packaging_soname COMMAND ${CMAKE_COMMAND}
  -DOBJDUMP=${LEDE_OBJDUMP} -DLIBRARY=$<TARGET_FILE:lede>
  -DSTATIC=$<TARGET_FILE:lede_static> -DABI=${LEDE_ABI_VERSION}
  -P ${LEDE_PACKAGING_DIR}/check_soname.cmake)

# --- the public header, compiled on its own as C11 and as C++ ----------------
# The compilers are called directly so that the flags are exactly these,
# whatever the build's own flags are.
set(LEDE_HEADER_INCLUDES -I${PROJECT_SOURCE_DIR}/include -I${PROJECT_BINARY_DIR}/include)
add_test(NAME packaging_header_c11 COMMAND ${CMAKE_C_COMPILER}
  -std=c11 -pedantic -Wall -Wextra -Werror
  -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wundef -Wcast-qual -Wconversion
  -Wsign-conversion
  ${LEDE_HEADER_INCLUDES} -c ${LEDE_PACKAGING_DIR}/header_c11.c
  -o ${CMAKE_CURRENT_BINARY_DIR}/header_c11.o)

include(CheckLanguage)
check_language(CXX) # finds a C++ compiler without enabling CXX for the project
if(CMAKE_CXX_COMPILER)
  add_test(NAME packaging_header_cpp COMMAND ${CMAKE_CXX_COMPILER}
    -std=c++11 -pedantic -Wall -Wextra -Werror
    ${LEDE_HEADER_INCLUDES} -c ${LEDE_PACKAGING_DIR}/header_cpp.cpp
    -o ${CMAKE_CURRENT_BINARY_DIR}/header_cpp.o)
else()
  add_test(NAME packaging_header_cpp COMMAND sh -c
    "echo 'SKIP: no C++ compiler (install the Debian package g++)'; exit ${LEDE_SKIP}")
endif()
set_tests_properties(packaging_header_c11 packaging_header_cpp PROPERTIES
  SKIP_RETURN_CODE ${LEDE_SKIP})

# --- install + consumers ---------------------------------------------------
if(TARGET lede_cli)
  set(have_cli ON)
else()
  set(have_cli OFF)
endif()
add_test(NAME packaging_install COMMAND bash ${LEDE_PACKAGING_DIR}/install_test.sh
  ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/packaging-install
  ${CMAKE_C_COMPILER} ${PROJECT_VERSION} ${LEDE_ABI_VERSION}
  ${CMAKE_INSTALL_LIBDIR} ${CMAKE_INSTALL_INCLUDEDIR} ${CMAKE_INSTALL_BINDIR} ${have_cli})
set_tests_properties(packaging_install PROPERTIES
  SKIP_RETURN_CODE ${LEDE_SKIP} TIMEOUT 120 RESOURCE_LOCK lede_install)

# --- the C example of README.md ----------------------------------------------
add_test(NAME packaging_readme_example COMMAND ${CMAKE_COMMAND}
  -DREADME=${PROJECT_SOURCE_DIR}/README.md -DCC=${CMAKE_C_COMPILER}
  -DSOURCE_INCLUDE=${PROJECT_SOURCE_DIR}/include -DBINARY_INCLUDE=${PROJECT_BINARY_DIR}/include
  -DLIBRARY=$<TARGET_FILE:lede> -DWORK=${CMAKE_CURRENT_BINARY_DIR}/readme-example
  -P ${LEDE_PACKAGING_DIR}/readme_example.cmake)

# --- API documentation: Doxygen without warnings -----------------------------
# The Doxyfile (docs/Doxyfile.in) makes every warning an error.
if(DOXYGEN_FOUND)
  add_test(NAME packaging_docs COMMAND ${DOXYGEN_EXECUTABLE} ${PROJECT_BINARY_DIR}/docs/Doxyfile
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/docs)
  set_tests_properties(packaging_docs PROPERTIES RESOURCE_LOCK lede_docs)
else()
  add_test(NAME packaging_docs COMMAND sh -c
    "echo 'SKIP: Doxygen not found (install the Debian package doxygen)'; exit ${LEDE_SKIP}")
  set_tests_properties(packaging_docs PROPERTIES SKIP_RETURN_CODE ${LEDE_SKIP})
endif()
