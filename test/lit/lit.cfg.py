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

config.substitutions.append(("%dlc_src", config.dlc_src_root))
config.substitutions.append(("%dlc_obj", config.dlc_obj_root))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
if config.dlc_sanitizers == "ON":
    config.available_features.add("sanitizers")
