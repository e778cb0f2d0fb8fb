/* A stand-in bcryptprimitives.dll for testing under Wine only: Go 1.26's
 * Windows runtime gets its random bytes from ProcessPrng in
 * bcryptprimitives.dll (Windows 10 and later), which Debian 12's Wine 8.0
 * does not have. This one exports ProcessPrng through RtlGenRandom
 * (advapi32's SystemFunction036). It is copied into the Wine prefix's
 * system32 by test-windows.sh, never shipped: real Windows has the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n)) return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
