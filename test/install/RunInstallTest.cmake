# Installs the build into a scratch prefix, then builds and runs a downstream program
# against it twice: through find_package(DLC) and through pkg-config.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... [-DDOWNSTREAM_C_FLAGS=...] -P ...
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/downstream" -B "${WORK_DIR}/cmake-build"
    -DCMAKE_PREFIX_PATH=${prefix} "-DCMAKE_C_FLAGS=${DOWNSTREAM_C_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${DOWNSTREAM_C_FLAGS}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/cmake-build")
run("${WORK_DIR}/cmake-build/downstream")
if(NOT last_output MATCHES "return %arg0" OR last_output MATCHES "dhlo.negate")
  message(FATAL_ERROR "find_package(DLC) program printed unexpected IR:\n${last_output}")
endif()

set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
run(pkg-config --cflags --libs dlc)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(extra UNIX_COMMAND "${DOWNSTREAM_C_FLAGS}")
run(cc -std=c11 ${extra} "${SOURCE_DIR}/downstream/main.c" -o "${WORK_DIR}/pkgconfig-downstream" ${flags})
run("${WORK_DIR}/pkgconfig-downstream")
if(NOT last_output MATCHES "return %arg0")
  message(FATAL_ERROR "pkg-config program printed unexpected IR:\n${last_output}")
endif()
message(STATUS "downstream programs built and ran against ${prefix}")
