# Tests of the Python binding (bindings/python), the Python examples and the
# JSON Schema, included by tests/CMakeLists.txt. Python standard library only,
# except where noted; a test that cannot run here exits 77 (skipped).
#   python_binding   the binding's unittest suite from the source tree (PYTHONPATH)
#   python_install   pip install into a venv with no index, the suite against it;
#                    a wheel with liblede inside
find_package(Python3 COMPONENTS Interpreter REQUIRED)

# A sanitizer build's liblede.so needs the sanitizer runtime loaded first,
# which a Python interpreter does not have: there only the tests that run the
# lede command stay.
set(LEDE_PYTHON_LOADS_LIBRARY ON)
if(CMAKE_C_FLAGS MATCHES "-fsanitize")
  set(LEDE_PYTHON_LOADS_LIBRARY OFF)
endif()
set(LEDE_PYTHON_DIR ${PROJECT_SOURCE_DIR}/bindings/python)
set(LEDE_PYTHON_ENV
  PYTHONPATH=${LEDE_PYTHON_DIR}
  LEDE_LIBRARY=$<TARGET_FILE_DIR:lede>/liblede.so.${LEDE_ABI_VERSION}
  PYTHONDONTWRITEBYTECODE=1)
if(TARGET lede_cli)
  list(APPEND LEDE_PYTHON_ENV LEDE_CLI=$<TARGET_FILE:lede_cli>)
endif()

if(LEDE_PYTHON_LOADS_LIBRARY)
add_test(NAME python_binding
  COMMAND ${Python3_EXECUTABLE} -m unittest discover -v
          -s ${LEDE_PYTHON_DIR}/tests -t ${LEDE_PYTHON_DIR}/tests)
set_tests_properties(python_binding PROPERTIES
  ENVIRONMENT "${LEDE_PYTHON_ENV}" TIMEOUT 300 LABELS python)

add_test(NAME python_install
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/python/install_test.sh ${Python3_EXECUTABLE}
          ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/python-install
          $<TARGET_FILE_DIR:lede>/liblede.so.${LEDE_ABI_VERSION})
set_tests_properties(python_install PROPERTIES
  ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS python)
endif()
