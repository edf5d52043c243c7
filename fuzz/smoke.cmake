# The fuzz_smoke test (fuzz/CMakeLists.txt): run lede_fuzz for RUNS
# executions over the seed corpus CORPUS with the dictionary DICT. WORK is a
# scratch folder, emptied first: new inputs and any crash file land there.
foreach(var FUZZER CORPUS DICT WORK RUNS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "smoke.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
execute_process(
  COMMAND ${FUZZER} -runs=${RUNS} -max_len=4096 -seed=1 -timeout=25 -max_total_time=240
          -dict=${DICT} -artifact_prefix=${WORK}/artifacts/ -print_final_stats=1
          ${WORK}/corpus ${CORPUS}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(GLOB finds ${WORK}/artifacts/*)
  message(FATAL_ERROR "lede_fuzz failed (${rc}); reproducer: ${finds}\n"
    "Run it again with: ${FUZZER} <file> (see docs/fuzzing.md)")
endif()
