# lit configuration for dlc: every *.mlir, *.c and *.test file under test/lit is a test.
# Tools come from the build's bin/ and from LLVM 22's bin/ (FileCheck, not, count).
import os
import lit.formats

config.name = "dlc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dlc_obj_root, "test", "lit")

path = os.pathsep.join([config.dlc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["PATH"] = path
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

# %omp_env prefixes a run of code on OpenMP threads. Under the sanitizers, GCC 12's LeakSanitizer
# misreads the dynamic TLS of the libomp the JIT loads and crashes at exit ("Tracer caught
# signal 11"); such runs scan no TLS for roots (utils/lsan.supp knows what is reachable only
# from TLS then). Leaks elsewhere are still reported.
sanitized = config.dlc_sanitizers.upper() in ("ON", "1", "TRUE", "YES")
omp_env = ""
if sanitized:
    lsan = config.environment.get("LSAN_OPTIONS", "")
    omp_env = "env LSAN_OPTIONS=" + ":".join(filter(None, [lsan, "use_tls=0"]))
config.substitutions.append(("%omp_env", omp_env))
# C programs linked against a library of this build carry its sanitizer runtimes too.
config.substitutions.append(("%sanitizer_cflags", "-fsanitize=address,undefined" if sanitized else ""))
config.substitutions.append(("%dlc_src", config.dlc_src_root))
config.substitutions.append(("%dlc_obj", config.dlc_obj_root))
config.substitutions.append(("%dlc_tools", config.dlc_tools_dir))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
# The matmul register block that `register-block=host` must pick on this machine (the CPU
# features LLVM reports are those /proc/cpuinfo lists, on x86 Linux).
def host_register_block():
    try:
        flags = next((l.split(":", 1)[1].split() for l in open("/proc/cpuinfo")
                      if l.startswith("flags")), [])
    except OSError:
        flags = []
    return "8x32" if "avx512f" in flags else "8x16" if "avx" in flags else "4x8"
# As the tile sizes of a transform script write it: "8, 16".
config.substitutions.append(("%host_register_block", host_register_block().replace("x", ", ")))
# GPU tests that need ptxas (cubin) run where dlc-gpu-module-to-binary finds a CUDA toolkit:
# the folder above a ptxas (on PATH, under $CUDA_HOME/$CUDA_ROOT/$CUDA_PATH or
# /usr/local/cuda; links followed) that also holds nvvm/libdevice.
import shutil
def cuda_toolkit_ptxas():
    candidates = [shutil.which("ptxas", path=path)] + [
        os.path.join(root, "bin", "ptxas")
        for root in [os.environ.get(v) for v in ("CUDA_HOME", "CUDA_ROOT", "CUDA_PATH")]
        + ["/usr/local/cuda"] if root]
    for ptxas in filter(None, candidates):
        toolkit = os.path.dirname(os.path.dirname(os.path.realpath(ptxas)))
        if os.access(ptxas, os.X_OK) and os.path.isfile(
                os.path.join(toolkit, "nvvm", "libdevice", "libdevice.10.bc")):
            return os.path.realpath(ptxas)
    return None
toolkit_ptxas = cuda_toolkit_ptxas()
if toolkit_ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", toolkit_ptxas))
# GPU execution tests run on a CUDA device where there is one: a CUDA driver that
# initializes and sees a device (probed through ctypes, as dlc's runtime would open it;
# feature cuda-device). Elsewhere they run on dlc's CUDA emulator (test/fakes/CudaEmulator.c:
# kernels compiled with format=emulator run on the CPU; feature cuda-emulator), with the test
# fake of cuBLASLt for dot-backend=library. A test runs its program with %gpu_env and
# compiles it with %gpu_pipeline, or names format=%gpu_format in a pipeline of its own.
# The toolkit's stub driver, where installed, exercises the runtime's error path
# (cuda-stub-driver, %cuda_stub_driver).
def cuda_device_present():
    import ctypes
    try:
        driver = ctypes.CDLL(os.environ.get("DLC_CUDA_DRIVER") or "libcuda.so.1")
        count = ctypes.c_int(0)
        return driver.cuInit(0) == 0 and driver.cuDeviceGetCount(ctypes.byref(count)) == 0 and count.value > 0
    except (OSError, AttributeError):
        return False
if cuda_device_present():
    config.available_features.add("cuda-device")
    gpu_env, gpu_format = "", "ptx"
else:
    config.available_features.add("cuda-emulator")
    libs = os.path.join(config.dlc_obj_root, "lib")
    gpu_env = "env DLC_CUDA_DRIVER=%s DLC_CUBLASLT=%s" % (
        os.path.join(libs, "libdlc_test_cuda_emulator.so"),
        os.path.join(libs, "libdlc_test_fake_cublaslt.so"))
    gpu_format = "emulator"
config.substitutions.append(("%gpu_env", gpu_env))
config.substitutions.append(("%gpu_format", gpu_format))
config.substitutions.append(
    ("%gpu_pipeline", "builtin.module(dhlo-optimize,dlc-lower-to-gpu{format=%s})" % gpu_format))
cuda_stub = "/usr/local/cuda/lib64/stubs/libcuda.so"
if os.access(cuda_stub, os.R_OK):
    config.available_features.add("cuda-stub-driver")
    config.substitutions.append(("%cuda_stub_driver", cuda_stub))
if config.dlc_sanitizers == "ON":
    config.available_features.add("sanitizers")
