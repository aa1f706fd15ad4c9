// libFuzzer's driver, called from the Swift entry point (SwiftPM renames the executable's main).
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
