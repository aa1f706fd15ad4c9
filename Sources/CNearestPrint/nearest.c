#include "CNearestPrint.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Swift's baseline x86-64 target counts bits with a dozen shifts and masks; this loop runs once
// per stored article for each new one, in the write stage. Built twice, and the loader picks the
// POPCNT build on every CPU that has it (all x86-64 since 2008), the portable one elsewhere.
#if defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
static size_t first_within_scalar(const uint64_t *prints, size_t start, size_t end, uint64_t fingerprint, int limit) {
    for (size_t index = start; index < end; index++) {
        if (__builtin_popcountll(prints[index] ^ fingerprint) <= limit) return index;
    }
    return end;
}

#if defined(__x86_64__)
// Eight fingerprints at a time where the CPU counts the bits of eight words in one instruction
// (AVX-512 VPOPCNTDQ): the first within the limit is the lowest bit of the comparison's mask.
__attribute__((target("avx512f,avx512vpopcntdq")))
static size_t first_within_avx512(const uint64_t *prints, size_t start, size_t end, uint64_t fingerprint, int limit) {
    const __m512i wanted = _mm512_set1_epi64((long long)fingerprint);
    const __m512i most = _mm512_set1_epi64(limit);
    size_t index = start;
    for (; end - index >= 8; index += 8) {
        __m512i counts = _mm512_popcnt_epi64(_mm512_xor_si512(_mm512_loadu_si512((const void *)(prints + index)), wanted));
        __mmask8 within = _mm512_cmple_epi64_mask(counts, most);
        if (within) return index + (size_t)__builtin_ctz(within);
    }
    for (; index < end; index++) {
        if (__builtin_popcountll(prints[index] ^ fingerprint) <= limit) return index;
    }
    return end;
}
#endif

size_t fw_first_print_within(const uint64_t *prints, size_t start, size_t end, uint64_t fingerprint, int limit) {
    if (start >= end) return end;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq")) {
        return first_within_avx512(prints, start, end, fingerprint, limit);
    }
#endif
    return first_within_scalar(prints, start, end, fingerprint, limit);
}
