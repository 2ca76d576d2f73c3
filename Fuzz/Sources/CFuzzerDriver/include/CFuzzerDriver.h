// libFuzzer's driver, declared for Swift. SwiftPM links an executable target's entry point as
// `<Target>_main`, so the fuzz target keeps its own `main` and hands control to libFuzzer here
// instead of relying on libFuzzer's `main`.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
