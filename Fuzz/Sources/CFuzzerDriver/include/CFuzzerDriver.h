// libFuzzer's driver, called from each target's Swift entry point (SwiftPM renames an
// executable's main to <target>_main).
#include <stddef.h>
#include <stdint.h>

/// In libFuzzer's runtime.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// Each target defines this one (with @_cdecl): it reads one input.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// Hands the process to libFuzzer, which calls the target's LLVMFuzzerTestOneInput.
int FuzzerMain(int argc, char **argv);
