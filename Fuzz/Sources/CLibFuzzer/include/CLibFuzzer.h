#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM links every
// executable with its `main` renamed to `<module>_main`, so libFuzzer's own `main` is
// never used: each target's main.swift calls the driver itself.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
