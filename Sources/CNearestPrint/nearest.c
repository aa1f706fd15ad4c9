#include "CNearestPrint.h"

// Swift's baseline x86-64 target counts bits with a dozen shifts and masks; this loop runs once
// per stored article for each new one. Built twice, and the loader picks the POPCNT build on
// every CPU that has it (all x86-64 since 2008), the portable one elsewhere.
#if defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
size_t fw_first_print_within(const uint64_t *prints, size_t start, size_t end, uint64_t fingerprint, int limit) {
    for (size_t index = start; index < end; index++) {
        if (__builtin_popcountll(prints[index] ^ fingerprint) <= limit) return index;
    }
    return end;
}
