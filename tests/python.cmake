# Tests of the Python binding (bindings/python), the Python examples, the Dask
# example and the JSON Schema; included by tests/CMakeLists.txt. A test that
# cannot run here exits 77 and shows as skipped.
#   python_binding   the binding's unittest suite from the source tree (PYTHONPATH)
#   python_install   pip install into a venv with no package index, the suite
#                    against that copy; a wheel with liblede inside it
#   python_examples  examples/who_said_what.py and examples/export_csv.py
#   python_dask      examples/dask_corpus.py on two local workers equals `lede --jsonl`
#                    (needs python3-dask python3-distributed, for any python3 here)
#   cli_schema       the lede command's JSON validates against docs/lede.schema.json
#                    (needs python3-jsonschema, for any python3 here)
find_package(Python3 COMPONENTS Interpreter REQUIRED)
set(LEDE_PYTHON_DIR ${PROJECT_SOURCE_DIR}/bindings/python)
set(LEDE_PYTHON_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/python)
set(LEDE_PYTHON_LIBRARY $<TARGET_FILE_DIR:lede>/liblede.so.${LEDE_ABI_VERSION})
set(LEDE_PYTHON_ENV
  PYTHONPATH=${LEDE_PYTHON_DIR} LEDE_LIBRARY=${LEDE_PYTHON_LIBRARY} PYTHONDONTWRITEBYTECODE=1)
if(TARGET lede_cli)
  list(APPEND LEDE_PYTHON_ENV LEDE_CLI=$<TARGET_FILE:lede_cli>)
endif()

# A sanitizer build's liblede.so needs the sanitizer runtime loaded first,
# which a Python interpreter does not have: there only cli_schema, which runs
# the lede command, is registered.
set(LEDE_PYTHON_LOADS_LIBRARY ON)
if(CMAKE_C_FLAGS MATCHES "-fsanitize")
  set(LEDE_PYTHON_LOADS_LIBRARY OFF)
endif()

if(LEDE_PYTHON_LOADS_LIBRARY)
  add_test(NAME python_binding
    COMMAND ${Python3_EXECUTABLE} -m unittest discover -v
            -s ${LEDE_PYTHON_DIR}/tests -t ${LEDE_PYTHON_DIR}/tests)

  add_test(NAME python_install
    COMMAND bash ${LEDE_PYTHON_TESTS}/install_test.sh ${Python3_EXECUTABLE}
            ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/python-install
            ${LEDE_PYTHON_LIBRARY})

  add_test(NAME python_examples
    COMMAND ${Python3_EXECUTABLE} ${LEDE_PYTHON_TESTS}/test_examples.py -v)

  set_tests_properties(python_binding python_install python_examples PROPERTIES
    ENVIRONMENT "${LEDE_PYTHON_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS python)

  if(TARGET lede_cli)
    # Starts a cluster of worker processes: alone, so the two cores are its.
    add_test(NAME python_dask
      COMMAND ${Python3_EXECUTABLE} ${LEDE_PYTHON_TESTS}/test_dask_corpus.py -v)
    set_tests_properties(python_dask PROPERTIES
      ENVIRONMENT "${LEDE_PYTHON_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 900 RUN_SERIAL ON
      LABELS python)
  endif()
endif()

if(TARGET lede_cli)
  add_test(NAME cli_schema
    COMMAND ${Python3_EXECUTABLE} ${LEDE_PYTHON_TESTS}/test_schema.py $<TARGET_FILE:lede_cli> -v)
  set_tests_properties(cli_schema PROPERTIES
    ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1" SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS cli)
endif()
