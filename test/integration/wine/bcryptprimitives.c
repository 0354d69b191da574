// bcryptprimitives.dll for Wine 8, which lacks it: sharp's libvips DLL imports ProcessPrng (random
// bytes), and Windows' own ProcessPrng draws from the same generator as RtlGenRandom.
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); // RtlGenRandom, in advapi32

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length) {
    ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
